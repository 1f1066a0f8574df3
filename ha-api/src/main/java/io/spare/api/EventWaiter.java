package io.spare.api;

/**
 * Lets the engine's event loop do its waiting inside an adapter, so that the adapter reads its file
 * descriptors on the loop thread: one thread woken per burst of packets instead of two (the
 * adapter's reader, then the loop). What becomes ready is handled on the calling thread before
 * {@link #await} returns.
 */
public interface EventWaiter {
    /**
     * Waits until something is ready, {@link #wakeup} is called, or {@code timeoutNanos} pass;
     * handles what is ready. Never throws: problems are the adapter's to log and count.
     */
    void await(long timeoutNanos);

    /** Ends a wait in progress, or makes the next one return at once. Any thread. */
    void wakeup();

    /** The loop has stopped and will not wait here again; the adapter reads on a thread of its own if it still needs to. */
    void detach();
}
