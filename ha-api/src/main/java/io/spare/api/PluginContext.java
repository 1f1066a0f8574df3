package io.spare.api;

import java.nio.file.Path;
import java.time.Clock;

/** What the engine offers every plugin. */
public interface PluginContext {
    /** The name this host is known by: {@code global.router_id}, else the host name. */
    String routerId();

    /** The host name, as mails and notify scripts show it. */
    String hostname();

    /** The directory of the configuration file, against which relative paths resolve. */
    Path configDirectory();

    /** Monotonic time, injectable so that tests never sleep. */
    Ticker ticker();

    /** Wall-clock time, only for timestamps that people read (logs, mails). */
    Clock wallClock();

    /** Script security and the user scripts run as ({@code global.script_user}). */
    ScriptSecurity scriptSecurity();
}
