package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link AdvertTransport} needs to send and accept one virtual router's adverts.
 *
 * @param instance the instance name, for logs and counters
 * @param interfaceName the interface adverts go out on and come in from
 * @param family IPv4 or IPv6 (v3 only)
 * @param vrid the virtual router id
 * @param version 2 or 3
 * @param authentication v2 authentication; received adverts must match it
 * @param advertInterval this instance's interval; v2 adverts with another one are dropped
 * @param sourceAddress {@code unicast_src_ip}/{@code mcast_src_ip}; empty: the interface's primary
 *     IPv4 or IPv6 link-local address
 * @param unicastPeers empty: multicast to 224.0.0.18 / ff02::12; otherwise one copy to each peer,
 *     and only adverts from these peers are accepted
 * @param virtualAddresses the VIPs, for the address-list check on received adverts (a mismatch is
 *     logged, not dropped, as keepalived 2.3.3+)
 */
public record ChannelSpec(
        String instance,
        String interfaceName,
        AddressFamily family,
        int vrid,
        int version,
        Authentication authentication,
        Duration advertInterval,
        Optional<InetAddress> sourceAddress,
        List<InetAddress> unicastPeers,
        List<VirtualAddress> virtualAddresses) {

    public ChannelSpec {
        requireNonNull(instance, "instance");
        requireNonNull(interfaceName, "interfaceName");
        requireNonNull(family, "family");
        requireNonNull(authentication, "authentication");
        requireNonNull(advertInterval, "advertInterval");
        requireNonNull(sourceAddress, "sourceAddress");
        unicastPeers = List.copyOf(unicastPeers);
        virtualAddresses = List.copyOf(virtualAddresses);
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }
}
