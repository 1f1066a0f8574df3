package io.spare.netlink.sys;

import java.io.IOException;

/** An AF_PACKET/SOCK_DGRAM socket for one Ethernet protocol: the kernel adds the Ethernet header. */
public final class PacketSocket implements AutoCloseable {
    private static final int SEND_BUFFER = 4 * 1024 * 1024;

    private final LibC libc;
    private final int fd;
    private final int protocol;

    private PacketSocket(LibC libc, int fd, int protocol) {
        this.libc = libc;
        this.fd = fd;
        this.protocol = protocol;
    }

    /**
     * Opens a send-only packet socket (protocol 0 on the socket itself, so that nothing is queued for
     * receiving; the frame's protocol is given on each send).
     */
    public static PacketSocket open(int protocol) throws IOException {
        LibC libc = Native.libc();
        int fd = libc.socket(SocketOptions.AF_PACKET, SocketOptions.SOCK_DGRAM | SocketOptions.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new SystemCallException("cannot open a packet socket for gratuitous ARP and neighbour advertisements", Native.errno(), Capability.CAP_NET_RAW);
        }
        // A burst of announcements must not wait for the receivers to free the first frames (with
        // the default buffer, 255 ARPs block in sendto); the forced size needs CAP_NET_ADMIN, the
        // plain one is capped by net.core.wmem_max.
        byte[] size = SocketOptions.intValue(SEND_BUFFER);
        if (libc.setsockopt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUFFORCE, size, size.length) < 0) {
            libc.setsockopt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUF, size, size.length);
        }
        return new PacketSocket(libc, fd, protocol);
    }

    /** Sends {@code payload} to {@code destination} (a MAC) out of interface {@code index}. */
    public void send(int index, byte[] destination, byte[] payload, String what) throws IOException {
        byte[] address = SocketOptions.sockaddrLl(protocol, index, destination);
        Retry.send(() -> libc.sendto(fd, payload, payload.length, 0, address, address.length), what, Capability.CAP_NET_RAW);
    }

    /**
     * Closes in the background: closing a packet socket waits for an RCU grace period
     * (synchronize_net), milliseconds that the announcing thread should not spend.
     */
    @Override
    public void close() {
        BackgroundCloser.close(fd);
    }
}
