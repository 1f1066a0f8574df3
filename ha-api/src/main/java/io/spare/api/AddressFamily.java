package io.spare.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

public enum AddressFamily {
    IPV4(4),
    IPV6(16);

    private final int addressLength;

    AddressFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes in one address of this family. */
    public int addressLength() {
        return addressLength;
    }

    public boolean contains(InetAddress address) {
        return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }
}
