package io.spare.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.time.Duration;
import java.util.Map;

/** A plugin's {@link HealthCheck}, every call made through {@link PluginCalls}. */
public final class ContainedHealthCheck implements HealthCheck {
    private final HealthCheck delegate;
    private final ClassLoader loader;

    public ContainedHealthCheck(HealthCheck delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        CheckResult result = PluginCalls.call(loader, () -> delegate.run(timeout));
        if (result == null) {
            throw new IllegalStateException(delegate.getClass().getName() + " returned no result");
        }
        return result;
    }

    @Override
    public void start(Runnable runNow) throws Exception {
        PluginCalls.run(loader, () -> delegate.start(runNow));
    }

    @Override
    public Map<String, Long> counters() {
        try {
            return PluginCalls.call(loader, delegate::counters);
        } catch (Exception e) {
            return Map.of();
        }
    }

    @Override
    public void close() throws Exception {
        PluginCalls.run(loader, delegate::close);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
