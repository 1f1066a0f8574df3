package io.spare.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import java.time.Duration;

/** A plugin's {@link Notifier}, every call made through {@link PluginCalls}. */
public final class ContainedNotifier implements Notifier {
    private final Notifier delegate;
    private final ClassLoader loader;

    public ContainedNotifier(Notifier delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public void notify(StateTransition transition) throws Exception {
        PluginCalls.run(loader, () -> delegate.notify(transition));
    }

    @Override
    public Duration timeout() {
        try {
            return PluginCalls.call(loader, delegate::timeout);
        } catch (Exception e) {
            return Notifier.super.timeout();
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
