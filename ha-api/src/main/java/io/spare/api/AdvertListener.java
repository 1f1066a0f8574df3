package io.spare.api;

import java.net.InetAddress;

/**
 * Receives accepted adverts for one virtual router. Called on the transport's receive thread, which
 * is the event loop's own when the loop waits through {@link AdvertTransport#eventWaiter()}: the
 * engine only enqueues.
 */
public interface AdvertListener {
    /** An advert passed every receive check (TTL, length, checksum, version, auth, interval, ...). */
    void onAdvert(Advertisement advertisement, InetAddress source);

    /**
     * An advert of the other VRRP version arrived for this VRID. keepalived then silently runs two
     * masters; the engine raises a {@code version_mismatch} condition instead.
     */
    default void onVersionMismatch(InetAddress source, int version) {}
}
