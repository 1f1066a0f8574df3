package io.spare.netlink.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** Socket constants and option values laid out as the kernel reads them (host byte order). */
public final class SocketOptions {
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int NETLINK_ROUTE = 0;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    public static final int MSG_TRUNC = 0x20;
    public static final int SHUT_RDWR = 2;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_NONBLOCK = 0x800;
    public static final int CLONE_NEWNET = 0x40000000;

    private SocketOptions() {}

    public static byte[] intValue(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    /** struct timeval on LP64: two longs. */
    public static byte[] timeval(Duration duration) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putLong(duration.getSeconds())
                .putLong(duration.getNano() / 1000)
                .array();
    }

    /** struct sockaddr_nl: family, pad, pid, groups. */
    public static byte[] sockaddrNl(int groups) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups)
                .array();
    }

    /** struct sockaddr_ll: family (host order), protocol (network order), ifindex, hatype, pkttype, halen, addr[8]. */
    public static byte[] sockaddrLl(int protocol, int index, byte[] address) {
        ByteBuffer buffer = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder())
                .putShort((short) AF_PACKET);
        buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder())
                .putInt(index).putShort((short) 0).put((byte) 0).put((byte) address.length).put(address);
        return buffer.array();
    }

    /** htons for a 16-bit protocol number given to socket(AF_PACKET, ...). */
    public static int htons(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value : Short.toUnsignedInt(Short.reverseBytes((short) value));
    }
}
