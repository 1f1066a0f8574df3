package io.spare.api.testing;

import io.spare.api.PluginContext;
import io.spare.api.ScriptSecurity;
import io.spare.api.Ticker;
import java.nio.file.Path;
import java.time.Clock;

/** A {@link PluginContext} for plugin unit tests. */
public record TestingPluginContext(
        String routerId, String hostname, Path configDirectory, Ticker ticker, Clock wallClock, ScriptSecurity scriptSecurity)
        implements PluginContext {

    public static TestingPluginContext defaults(Path configDirectory) {
        return new TestingPluginContext("test-router", "testhost", configDirectory, Ticker.system(), Clock.systemUTC(), ScriptSecurity.defaults());
    }

    public TestingPluginContext withScriptSecurity(ScriptSecurity security) {
        return new TestingPluginContext(routerId, hostname, configDirectory, ticker, wallClock, security);
    }
}
