package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Optional;

/**
 * Facts about one network interface.
 *
 * @param name the interface name ({@code eth0})
 * @param index the kernel's ifindex
 * @param mac the hardware address, lower case with colons ({@code 4a:18:2b:46:31:b7})
 * @param primaryIpv4 the first IPv4 address on it: VRRPv2/v3-IPv4 source and tie-breaker
 * @param linkLocalIpv6 its IPv6 link-local address: VRRPv3-IPv6 source and tie-breaker
 * @param mtu the MTU
 * @param up whether the link is administratively up and has carrier (operstate UP or UNKNOWN)
 */
public record InterfaceInfo(
        String name,
        int index,
        String mac,
        Optional<Inet4Address> primaryIpv4,
        Optional<Inet6Address> linkLocalIpv6,
        int mtu,
        boolean up) {

    public InterfaceInfo {
        requireNonNull(name, "name");
        requireNonNull(mac, "mac");
        requireNonNull(primaryIpv4, "primaryIpv4");
        requireNonNull(linkLocalIpv6, "linkLocalIpv6");
    }
}
