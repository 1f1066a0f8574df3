package io.spare.netlink.codec;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * The gratuitous ARP keepalived sends on becoming MASTER: an ARP request (RFC 826 layout, RFC 5227
 * "ARP announcement") with sender IP = target IP = the VIP, sender MAC = the device's, target MAC
 * ff:ff:ff:ff:ff:ff. This is the 28-byte ARP payload; the Ethernet header (to ff:ff:ff:ff:ff:ff, from the
 * device, type 0x0806) is added by the kernel on an AF_PACKET/SOCK_DGRAM socket.
 */
public final class ArpPacket {
    public static final int ETH_P_ARP = 0x0806;
    public static final int LENGTH = 28;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpPacket() {}

    public static byte[] gratuitous(byte[] senderMac, Inet4Address address) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC has 6 bytes (was " + senderMac.length + ")");
        }
        byte[] ip = address.getAddress();
        return ByteBuffer.allocate(LENGTH)
                .putShort((short) 1) // hardware type Ethernet
                .putShort((short) 0x0800) // protocol IPv4
                .put((byte) 6).put((byte) 4)
                .putShort((short) 1) // request
                .put(senderMac).put(ip)
                .put(BROADCAST).put(ip)
                .array();
    }

    /** The Ethernet frame the kernel builds around {@code payload}, for comparison with captures. */
    public static byte[] broadcastFrame(byte[] senderMac, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length)
                .put(BROADCAST).put(senderMac).putShort((short) ETH_P_ARP).put(payload)
                .array();
    }
}
