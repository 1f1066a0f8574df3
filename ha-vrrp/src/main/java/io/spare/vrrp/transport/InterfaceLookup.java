package io.spare.vrrp.transport;

import io.spare.api.AddressFamily;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The interface facts VRRP needs, read in the network namespace of the calling thread: the ifindex
 * and primary IPv4 address through {@code ioctl} on a socket created here, the IPv6 link-local
 * address from {@code /proc/thread-self/net/if_inet6}. ({@code /sys/class/net} and
 * {@code /proc/net} show the namespace of the mount or of the main thread, not of this thread.)
 */
final class InterfaceLookup {
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int IFA_F_DADFAILED = 0x08;
    private static final int SCOPE_LINK = 0x20;

    /** What one interface offers VRRP. */
    record Facts(String name, int index, Optional<Inet4Address> primaryIpv4, Optional<Inet6Address> linkLocalIpv6) {
        /** The address our adverts carry when none is configured. */
        InetAddress defaultSource(AddressFamily family) throws IOException {
            if (family == AddressFamily.IPV4) {
                return primaryIpv4.orElseThrow(() -> new IOException("interface " + name
                        + " has no IPv4 address to send VRRP from; add one or set mcast_src_ip/unicast_src_ip"));
            }
            return linkLocalIpv6.orElseThrow(() -> new IOException("interface " + name
                    + " has no usable IPv6 link-local address to send VRRPv3 from"));
        }
    }

    private final LibC libc;

    InterfaceLookup(LibC libc) {
        this.libc = libc;
    }

    /**
     * Reads the index of {@code name} and the address VRRP of {@code family} sends from by default;
     * the other family's address stays empty (with 1000 instances, reading {@code if_inet6} for each
     * IPv4 one was a tenth of the start).
     */
    Facts lookup(String name, AddressFamily family) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
            throw new IOException("invalid interface name '" + name + "'");
        }
        int fd = libc.socket(Native.AF_INET, Native.SOCK_DGRAM, 0);
        if (fd < 0) {
            throw Native.failure("socket(AF_INET, SOCK_DGRAM)", Native.errno());
        }
        try {
            byte[] request = ifreq(nameBytes);
            if (libc.ioctl(fd, Native.SIOCGIFINDEX, request) < 0) {
                int errno = Native.errno();
                if (errno == Native.ENODEV) {
                    throw new IOException("no interface " + name + " (in this network namespace)");
                }
                throw Native.failure("ioctl(SIOCGIFINDEX, " + name + ")", errno);
            }
            int index = Native.intAt(request, IFNAMSIZ);
            if (family == AddressFamily.IPV6) {
                return new Facts(name, index, Optional.empty(), linkLocal(name));
            }
            Optional<Inet4Address> ipv4 = Optional.empty();
            request = ifreq(nameBytes);
            request[IFNAMSIZ] = (byte) Native.AF_INET;
            if (libc.ioctl(fd, Native.SIOCGIFADDR, request) == 0) {
                byte[] raw = new byte[4];
                System.arraycopy(request, IFNAMSIZ + 4, raw, 0, 4);
                ipv4 = Optional.of((Inet4Address) InetAddress.getByAddress(raw));
            } else if (Native.errno() != Native.EADDRNOTAVAIL) {
                throw Native.failure("ioctl(SIOCGIFADDR, " + name + ")", Native.errno());
            }
            return new Facts(name, index, ipv4, Optional.empty());
        } finally {
            libc.close(fd);
        }
    }

    private static byte[] ifreq(byte[] name) {
        byte[] request = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, request, 0, name.length);
        return request;
    }

    private static Optional<Inet6Address> linkLocal(String name) throws IOException {
        Path table = Path.of("/proc/thread-self/net/if_inet6");
        if (!Files.exists(table)) {
            return Optional.empty();
        }
        return parseIfInet6(Files.readAllLines(table, StandardCharsets.US_ASCII), name);
    }

    /** Picks the first usable (not tentative, not DAD-failed) link-local address of {@code name}. */
    static Optional<Inet6Address> parseIfInet6(List<String> lines, String name) throws IOException {
        for (String line : lines) {
            String[] fields = fields(line);
            if (fields.length < 6 || !fields[5].equals(name)) {
                continue;
            }
            int scope = Integer.parseInt(fields[3], 16);
            int flags = Integer.parseInt(fields[4], 16);
            if (scope != SCOPE_LINK || (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) != 0) {
                continue;
            }
            return Optional.of((Inet6Address) InetAddress.getByAddress(HexFormat.of().parseHex(fields[0])));
        }
        return Optional.empty();
    }

    /** The whitespace-separated fields of a line (no regex: this runs once per instance at start). */
    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>(6);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields.toArray(String[]::new);
    }
}
