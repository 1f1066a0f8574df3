package io.spare.netlink.it;

import io.spare.netlink.sys.LibC;
import io.spare.netlink.sys.Native;
import io.spare.netlink.sys.SocketOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Captures whole Ethernet frames of one protocol on one interface (AF_PACKET/SOCK_RAW), both ways:
 * {@link Frame#outgoing()} tells frames the host sent from frames it received. Open it on a thread
 * inside the namespace; frames queue in the socket until {@link #drain()}.
 */
public final class PacketCapture implements AutoCloseable {
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86dd;
    private static final int PACKET_OUTGOING = 4;
    private static final int MSG_DONTWAIT = 0x40;

    private final LibC libc = Native.libc();
    private final int fd;
    private final Pointer buffer = Native.allocate(65536);

    public record Frame(boolean outgoing, byte[] bytes) {}

    public PacketCapture(int protocol, int index) throws IOException {
        fd = libc.socket(SocketOptions.AF_PACKET, SocketOptions.SOCK_RAW, SocketOptions.htons(protocol));
        if (fd < 0) {
            throw new IOException("packet capture socket: " + Native.describe(Native.errno()));
        }
        byte[] address = SocketOptions.sockaddrLl(protocol, index, new byte[0]);
        if (libc.bind(fd, address, address.length) < 0) {
            int errno = Native.errno();
            libc.close(fd);
            throw new IOException("packet capture bind: " + Native.describe(errno));
        }
    }

    /** All frames queued so far. */
    public List<Frame> drain() {
        List<Frame> frames = new ArrayList<>();
        byte[] from = new byte[20];
        while (true) {
            IntByReference fromLength = new IntByReference(from.length);
            long received = libc.recvfrom(fd, buffer, 65536, MSG_DONTWAIT, from, fromLength);
            if (received < 0) {
                return frames;
            }
            byte[] frame = new byte[(int) received];
            buffer.get(0, frame, 0, frame.length);
            frames.add(new Frame(from[10] == PACKET_OUTGOING, frame));
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
