package io.spare.vrrp.transport;

import io.spare.vrrp.codec.MalformedAdvertisementException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** One raw socket of protocol 112 on one interface and address family. */
interface VrrpSocket extends AutoCloseable {
    /** Where received packets go: VRRP bytes with the addresses and TTL the IP layer carried. */
    interface Receiver {
        void packet(ByteBuffer vrrp, InetAddress source, InetAddress destination, int ttl);

        /** A packet whose IP header was already unusable (no VRID to attribute it to). */
        void malformed(MalformedAdvertisementException problem);
    }

    /** Sends one encoded VRRP message without blocking. */
    void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException;

    /** The file descriptor to poll for input. */
    int fd();

    /**
     * Hands the next waiting packet to {@code receiver}, without blocking.
     *
     * @return false when no packet was waiting
     */
    boolean receive(Receiver receiver) throws IOException;

    /** Closes the fd; only once no thread polls or reads it any more. */
    @Override
    void close();
}
