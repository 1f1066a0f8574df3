package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A virtual IP address (VIP), as one line of keepalived's {@code virtual_ipaddress}.
 *
 * @param address the address
 * @param prefixLength the prefix length; 32 (IPv4) or 128 (IPv6) when none is given, as keepalived
 * @param device the interface to add it on; empty means the instance's interface
 * @param label the IPv4 label ({@code eth0:vip}); empty for none
 * @param scope the address scope
 */
public record VirtualAddress(
        InetAddress address,
        int prefixLength,
        Optional<String> device,
        Optional<String> label,
        AddressScope scope) {

    public VirtualAddress {
        requireNonNull(address, "address");
        requireNonNull(device, "device");
        requireNonNull(label, "label");
        requireNonNull(scope, "scope");
        // The parameter, not family(): fields are assigned only after the compact constructor.
        int max = AddressFamily.of(address).addressLength() * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + " (was " + prefixLength + ")");
        }
    }

    /** A VIP with the family's full prefix, on the instance's interface, global scope. */
    public static VirtualAddress of(InetAddress address) {
        return new VirtualAddress(
                address, AddressFamily.of(address).addressLength() * 8, Optional.empty(), Optional.empty(), AddressScope.GLOBAL);
    }

    public static VirtualAddress of(InetAddress address, int prefixLength) {
        return new VirtualAddress(address, prefixLength, Optional.empty(), Optional.empty(), AddressScope.GLOBAL);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** The interface this address goes on, given the instance's interface. */
    public String deviceOr(String instanceInterface) {
        return device.orElse(instanceInterface);
    }

    /** {@code 10.0.0.1/24}, the way {@code ip} and {@code spare.yaml} write it. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(cidr());
        device.ifPresent(d -> text.append(" dev ").append(d));
        label.ifPresent(l -> text.append(" label ").append(l));
        if (scope != AddressScope.GLOBAL) {
            text.append(" scope ").append(scope.keyword());
        }
        return text.toString();
    }
}
