package io.spare.api;

import java.io.IOException;
import java.util.Optional;

/**
 * Carries VRRP adverts. One transport serves every instance; it shares one socket per interface
 * and address family between them and dispatches received adverts by VRID.
 */
public interface AdvertTransport extends AutoCloseable {
    /**
     * Starts receiving for one virtual router.
     *
     * @throws IOException if the interface is missing, privileges are lacking (the message names the
     *     capability) or the socket cannot be opened
     */
    VrrpChannel open(ChannelSpec spec, AdvertListener listener) throws IOException;

    /**
     * A waiter for the engine's event loop, if this transport can read its sockets on the loop
     * thread (then listeners are called on that thread). Asked once, before any channel is opened;
     * without one, the transport reads on threads of its own.
     */
    default Optional<EventWaiter> eventWaiter() {
        return Optional.empty();
    }

    @Override
    void close();
}
