package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import io.spare.api.PluginContext;
import io.spare.api.ScriptSecurity;
import io.spare.api.Ticker;
import java.nio.file.Path;
import java.time.Clock;

/** What the engine hands every plugin. */
public record EnginePluginContext(
        String routerId, String hostname, Path configDirectory, Ticker ticker, Clock wallClock, ScriptSecurity scriptSecurity)
        implements PluginContext {

    public EnginePluginContext {
        requireNonNull(routerId, "routerId");
        requireNonNull(hostname, "hostname");
        requireNonNull(configDirectory, "configDirectory");
        requireNonNull(ticker, "ticker");
        requireNonNull(wallClock, "wallClock");
        requireNonNull(scriptSecurity, "scriptSecurity");
    }
}
