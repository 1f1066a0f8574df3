package io.spare.api;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

/** One virtual router's way onto the wire, opened by {@link AdvertTransport#open}. */
public interface VrrpChannel extends AutoCloseable {
    /**
     * The address our adverts carry as IP source: it breaks ties between equal priorities (the
     * higher address wins).
     */
    InetAddress sourceAddress();

    /** Sends one advert: to the multicast group, or one copy to each unicast peer. Does not block. */
    void send(Advertisement advertisement) throws IOException;

    /** Drops per reason ({@code ttl}, {@code checksum}, {@code auth}, ...) and other counters. */
    default Map<String, Long> counters() {
        return Map.of();
    }

    /** Stops receiving for this virtual router; the shared socket closes with its last channel. */
    @Override
    void close();
}
