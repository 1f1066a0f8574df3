package io.spare.api;

import java.time.Duration;

/**
 * Tells something outside Spare about state changes: a script, a mail, a webhook. The engine calls
 * {@link #notify} off the event loop, one call at a time per notifier and in transition order; a
 * slow notifier delays only itself.
 */
public interface Notifier extends AutoCloseable {
    /** Delivers one transition. May block up to {@link #timeout()}. */
    void notify(StateTransition transition) throws Exception;

    /**
     * How long one {@link #notify} call may take before the engine interrupts it and moves on. A
     * notifier with timeouts of its own returns their sum here.
     */
    default Duration timeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    default void close() throws Exception {}
}
