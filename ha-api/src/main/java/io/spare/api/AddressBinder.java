package io.spare.api;

import java.io.IOException;
import java.util.List;

/**
 * Adds, removes and announces virtual addresses on this host. Adding an address already present,
 * or removing one already gone, is not an error.
 */
public interface AddressBinder extends AutoCloseable {
    /** Adds the addresses, each on its own device or else {@code interfaceName}, in one batch. */
    void add(String interfaceName, List<VirtualAddress> addresses) throws IOException;

    /** Removes the addresses, each from its own device or else {@code interfaceName}. */
    void remove(String interfaceName, List<VirtualAddress> addresses) throws IOException;

    /**
     * Tells the segment who holds the addresses now: {@code repeat} gratuitous ARPs for each IPv4
     * address and {@code repeat} unsolicited neighbour advertisements for each IPv6 address, from
     * the MAC of the address's device.
     */
    void announce(String interfaceName, List<VirtualAddress> addresses, int repeat) throws IOException;

    /**
     * Creates (or finds) the VRRP virtual MAC interface for {@code vrid} on {@code parent}:
     * 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6, and brings it up.
     *
     * @return the interface's name
     */
    default String createVmac(String parent, String name, int vrid, AddressFamily family) throws IOException {
        throw new UnsupportedOperationException("this address binder has no VMAC support");
    }

    /** Removes an interface made by {@link #createVmac}. */
    default void deleteVmac(String name) throws IOException {
        throw new UnsupportedOperationException("this address binder has no VMAC support");
    }

    @Override
    void close();
}
