package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.MalformedAdvertisementException.Reason;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The IPv4 header in front of a VRRP message, as a raw IPv4 socket returns it on receive and as
 * keepalived writes it with {@code IP_HDRINCL} on send: TOS 0xC0, ID counting up, no DF, TTL 255.
 *
 * @param headerLength IHL in bytes (20 without options)
 * @param tos type of service
 * @param totalLength the header's total length field
 * @param identification the IP ID
 * @param flagsAndFragment flags (DF = 0x4000) and fragment offset
 * @param ttl time to live: 255 for multicast VRRP
 * @param protocol 112 for VRRP
 * @param source the source address
 * @param destination the destination address
 */
public record Ipv4Header(
        int headerLength,
        int tos,
        int totalLength,
        int identification,
        int flagsAndFragment,
        int ttl,
        int protocol,
        Inet4Address source,
        Inet4Address destination) {

    public static final int MIN_LENGTH = 20;
    /** DSCP CS6, what keepalived sends. */
    public static final int TOS_VRRP = 0xC0;
    public static final int TTL_VRRP = 255;

    /** The header keepalived writes for a VRRP message of {@code payloadLength} bytes. */
    public static Ipv4Header forVrrp(Inet4Address source, Inet4Address destination, int identification, int payloadLength, int ttl) {
        return new Ipv4Header(MIN_LENGTH, TOS_VRRP, MIN_LENGTH + payloadLength, identification, 0, ttl, VrrpCodec.PROTOCOL, source, destination);
    }

    /**
     * Reads the header at {@code packet}'s position and checks it against the bytes received (the
     * position does not move). keepalived tolerates Ethernet padding after the datagram; so does this.
     *
     * @throws MalformedAdvertisementException IP_HEADER, IP_LENGTH or PROTOCOL
     */
    public static Ipv4Header parse(ByteBuffer packet) throws MalformedAdvertisementException {
        return parse(packet, null);
    }

    /** As {@link #parse(ByteBuffer)}, taking the source and destination from {@code addresses} (null: new ones). */
    public static Ipv4Header parse(ByteBuffer packet, AddressCache addresses) throws MalformedAdvertisementException {
        int base = packet.position();
        int received = packet.remaining();
        if (received < MIN_LENGTH) {
            throw new MalformedAdvertisementException(Reason.IP_HEADER, received + " bytes, an IPv4 header has 20");
        }
        int versionIhl = VrrpCodec.u8(packet, base);
        int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >>> 4 != 4 || headerLength < MIN_LENGTH || headerLength > received) {
            throw new MalformedAdvertisementException(Reason.IP_HEADER, String.format(
                    "version/IHL byte 0x%02x in %d bytes", versionIhl, received));
        }
        int totalLength = VrrpCodec.u16(packet, base + 2);
        boolean padded = totalLength < received && received <= 46 && (received - totalLength) % 4 == 2;
        if (totalLength != received && !padded || totalLength < headerLength) {
            throw new MalformedAdvertisementException(Reason.IP_LENGTH, "total length " + totalLength + " but " + received + " bytes received");
        }
        int protocol = VrrpCodec.u8(packet, base + 9);
        if (protocol != VrrpCodec.PROTOCOL) {
            throw new MalformedAdvertisementException(Reason.PROTOCOL, "IP protocol " + protocol + ", expected 112");
        }
        return new Ipv4Header(headerLength, VrrpCodec.u8(packet, base + 1), totalLength, VrrpCodec.u16(packet, base + 4),
                VrrpCodec.u16(packet, base + 6), VrrpCodec.u8(packet, base + 8), protocol,
                address(packet, base + 12, addresses), address(packet, base + 16, addresses));
    }

    /** The VRRP message behind this header: from the end of the header to the total length. */
    public ByteBuffer payload(ByteBuffer packet) {
        return packet.slice(packet.position() + headerLength, totalLength - headerLength);
    }

    /** Writes this header (no options) at {@code out}'s position with its checksum, and advances. */
    public void write(ByteBuffer out) {
        if (headerLength != MIN_LENGTH) {
            throw new IllegalArgumentException("only option-less headers are written");
        }
        int base = out.position();
        out.put(base, (byte) 0x45);
        out.put(base + 1, (byte) tos);
        VrrpCodec.putU16(out, base + 2, totalLength);
        VrrpCodec.putU16(out, base + 4, identification);
        VrrpCodec.putU16(out, base + 6, flagsAndFragment);
        out.put(base + 8, (byte) ttl);
        out.put(base + 9, (byte) protocol);
        VrrpCodec.putU16(out, base + 10, 0);
        out.put(base + 12, source.getAddress());
        out.put(base + 16, destination.getAddress());
        VrrpCodec.putU16(out, base + 10, InternetChecksum.of(out, base, MIN_LENGTH));
        out.position(base + MIN_LENGTH);
    }

    private static Inet4Address address(ByteBuffer packet, int at, AddressCache addresses) {
        if (addresses != null) {
            return (Inet4Address) addresses.of(packet, at, 4);
        }
        byte[] raw = new byte[4];
        packet.get(at, raw);
        try {
            return (Inet4Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an address", e);
        }
    }
}
