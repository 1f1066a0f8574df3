package io.spare.vrrp.transport;

/** Where an {@link InterfaceSocket} is read from: the transport's poller thread, or a test's stand-in. */
interface ReceiveScheduler {
    /** Starts reading {@code socket} when it has input. */
    void add(InterfaceSocket socket);

    /**
     * Stops reading {@code socket} and runs {@code released} once nothing polls or reads it any more
     * (at once, or after the current round when called from the reading thread itself).
     */
    void remove(InterfaceSocket socket, Runnable released);
}
