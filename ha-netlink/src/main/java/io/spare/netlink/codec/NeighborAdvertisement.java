package io.spare.netlink.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * An unsolicited neighbour advertisement (RFC 4861 section 4.4 and 7.2.6): ICMPv6 type 136, code 0,
 * Override set, Solicited clear (it goes to ff02::1), Router set when the host forwards IPv6 on that
 * interface (as keepalived: a router that advertised R=0 would be dropped from its neighbours'
 * default router lists), the target address and a target link-layer address option (type 2,
 * length 1 = 8 bytes) carrying the device's MAC.
 *
 * <p>{@link #unsolicitedPacket} wraps it in the IPv6 header keepalived sends it with (and the kernel
 * its own, for addresses it adds): from the target address itself to ff02::1, hop limit 255, with
 * the checksum filled in, for an AF_PACKET socket. Going out that way, the kernel neither picks a
 * source address for each one nor routes it: with 255 VIPs on the interface, a raw ICMPv6 socket
 * spent 84 us a message in that path, a packet socket 14 us (measured).
 */
public final class NeighborAdvertisement {
    public static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int LENGTH = 32;
    /** The IPv6 header and the message. */
    public static final int PACKET_LENGTH = 40 + LENGTH;
    public static final int ETH_P_IPV6 = 0x86dd;
    /** 33:33:00:00:00:01, ff02::1 on Ethernet (RFC 2464 section 7). */
    public static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final Inet6Address ALL_NODES_ADDRESS = allNodes();
    private static final int NEXT_HEADER_ICMPV6 = 58;
    private static final int HOP_LIMIT = 255;
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

    /** The whole IPv6 packet: header from {@code target} to ff02::1, then {@link #unsolicited} with its checksum. */
    public static byte[] unsolicitedPacket(Inet6Address target, byte[] mac, boolean router) {
        byte[] icmp = unsolicited(target, mac, router);
        int checksum = checksum(target, ALL_NODES_ADDRESS, icmp);
        icmp[2] = (byte) (checksum >> 8);
        icmp[3] = (byte) checksum;
        return ByteBuffer.allocate(PACKET_LENGTH)
                .putInt(6 << 28) // version 6, traffic class 0, flow label 0
                .putShort((short) LENGTH)
                .put((byte) NEXT_HEADER_ICMPV6)
                .put((byte) HOP_LIMIT)
                .put(target.getAddress())
                .put(ALL_NODES)
                .put(icmp)
                .array();
    }

    private static Inet6Address allNodes() {
        try {
            return (Inet6Address) InetAddress.getByAddress(ALL_NODES);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
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
