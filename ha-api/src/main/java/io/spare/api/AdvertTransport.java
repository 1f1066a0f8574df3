package io.spare.api;

import java.io.IOException;

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

    @Override
    void close();
}
