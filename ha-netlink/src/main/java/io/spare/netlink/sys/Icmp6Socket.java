package io.spare.netlink.sys;

import java.io.IOException;

/**
 * A raw ICMPv6 socket. The kernel computes the ICMPv6 checksum on such sockets; multicast hop limit
 * is 255, as neighbour discovery requires (receivers drop anything else).
 */
public final class Icmp6Socket implements AutoCloseable {
    /** As for {@link PacketSocket}: a burst must not wait for receivers to free the first packets. */
    private static final int SEND_BUFFER = 4 * 1024 * 1024;

    private final LibC libc;
    private final int fd;
    private int multicastInterface;

    private Icmp6Socket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    public static Icmp6Socket open() throws IOException {
        LibC libc = Native.libc();
        int fd = libc.socket(SocketOptions.AF_INET6, SocketOptions.SOCK_RAW | SocketOptions.SOCK_CLOEXEC, SocketOptions.IPPROTO_ICMPV6);
        if (fd < 0) {
            throw new SystemCallException("cannot open a raw ICMPv6 socket for neighbour advertisements", Native.errno(), Capability.CAP_NET_RAW);
        }
        Icmp6Socket socket = new Icmp6Socket(libc, fd);
        try {
            byte[] size = SocketOptions.intValue(SEND_BUFFER);
            if (libc.setsockopt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUFFORCE, size, size.length) < 0) {
                libc.setsockopt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUF, size, size.length);
            }
            socket.set(SocketOptions.IPV6_MULTICAST_HOPS, 255);
            socket.set(SocketOptions.IPV6_UNICAST_HOPS, 255);
            // Our own advertisements looped back would only make this host's neighbour discovery
            // process (and complain about) its own addresses.
            socket.set(SocketOptions.IPV6_MULTICAST_LOOP, 0);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Sends {@code icmp} to the multicast {@code group} out of interface {@code index}. */
    public void sendMulticast(int index, byte[] group, byte[] icmp, String what) throws IOException {
        if (multicastInterface != index) {
            set(SocketOptions.IPV6_MULTICAST_IF, index);
            multicastInterface = index;
        }
        byte[] address = SocketOptions.sockaddrIn6(group, index);
        Retry.send(() -> libc.sendto(fd, icmp, icmp.length, 0, address, address.length), what, Capability.CAP_NET_RAW);
    }

    private void set(int option, int value) throws IOException {
        byte[] bytes = SocketOptions.intValue(value);
        if (libc.setsockopt(fd, SocketOptions.IPPROTO_IPV6, option, bytes, bytes.length) < 0) {
            throw new SystemCallException("cannot set IPv6 socket option " + option, Native.errno(), Capability.CAP_NET_RAW);
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
