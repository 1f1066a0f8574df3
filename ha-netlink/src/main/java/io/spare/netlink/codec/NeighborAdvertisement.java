package io.spare.netlink.codec;

import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * An unsolicited neighbour advertisement (RFC 4861 section 4.4 and 7.2.6): ICMPv6 type 136, code 0,
 * Override set, Solicited clear (it goes to ff02::1), Router set when the host forwards IPv6 on that
 * interface (as keepalived: a router that advertised R=0 would be dropped from its neighbours'
 * default router lists), the target address and a target link-layer address option (type 2,
 * length 1 = 8 bytes) carrying the device's MAC.
 *
 * <p>The checksum field is left 0: a raw ICMPv6 socket always has the kernel compute it
 * (RFC 3542 section 3.1), over the source address the kernel picks. {@link #checksum} computes the
 * same sum for tests and captures.
 */
public final class NeighborAdvertisement {
    public static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int LENGTH = 32;
    private static final int FLAG_ROUTER = 0x80000000;
    private static final int FLAG_OVERRIDE = 0x20000000;
    private static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;

    private NeighborAdvertisement() {}

    public static byte[] unsolicited(Inet6Address target, byte[] mac, boolean router) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC has 6 bytes (was " + mac.length + ")");
        }
        return ByteBuffer.allocate(LENGTH)
                .put((byte) ICMPV6_NEIGHBOR_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
                .putInt(FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))
                .put(target.getAddress())
                .put((byte) OPTION_TARGET_LINK_LAYER_ADDRESS).put((byte) 1).put(mac)
                .array();
    }

    /** The ICMPv6 checksum (RFC 4443 section 2.3) of {@code icmp} sent from {@code source} to {@code destination}. */
    public static int checksum(Inet6Address source, Inet6Address destination, byte[] icmp) {
        ByteBuffer pseudo = ByteBuffer.allocate(40 + icmp.length + (icmp.length & 1))
                .put(source.getAddress()).put(destination.getAddress())
                .putInt(icmp.length).put(new byte[3]).put((byte) 58)
                .put(icmp);
        pseudo.putShort(40 + 2, (short) 0);
        pseudo.flip();
        long sum = 0;
        while (pseudo.remaining() >= 2) {
            sum += Short.toUnsignedInt(pseudo.getShort());
        }
        if (pseudo.hasRemaining()) {
            sum += Byte.toUnsignedInt(pseudo.get()) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
