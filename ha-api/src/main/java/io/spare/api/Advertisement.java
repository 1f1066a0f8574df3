package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * One VRRP advertisement, as it is on the wire, without the IP header.
 *
 * @param version 2 (RFC 3768) or 3 (RFC 5798)
 * @param vrid the virtual router id, 1..255
 * @param priority 0 (the master is stopping) .. 255 (the address owner)
 * @param advertInterval v2: whole seconds 1..255; v3: centiseconds 1..4095
 * @param addresses the virtual addresses, all of one family, at most 255
 * @param authentication v2 only; {@link Authentication#NONE} for v3
 */
public record Advertisement(
        int version,
        int vrid,
        int priority,
        Duration advertInterval,
        List<InetAddress> addresses,
        Authentication authentication) {

    public Advertisement {
        requireNonNull(advertInterval, "advertInterval");
        requireNonNull(authentication, "authentication");
        addresses = List.copyOf(addresses);
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3 (was " + version + ")");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255 (was " + vrid + ")");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
        }
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses (was " + addresses.size() + ")");
        }
        if (version == 3 && authentication.type() != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
    }

    public AddressFamily family() {
        return addresses.isEmpty() ? AddressFamily.IPV4 : AddressFamily.of(addresses.get(0));
    }

    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, vrid, newPriority, advertInterval, addresses, authentication);
    }
}
