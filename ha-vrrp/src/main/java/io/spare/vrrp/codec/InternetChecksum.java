package io.spare.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RFC 1071 one's-complement checksums as VRRP uses them: v2 over the message alone, v3 with the
 * IPv4 or IPv6 pseudo-header of the actual source and destination.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** Adds {@code length} bytes from {@code data} at absolute {@code offset} to a running sum. */
    static long add(long sum, ByteBuffer data, int offset, int length) {
        if (data.hasArray()) {
            return add(sum, data.array(), data.arrayOffset() + offset, length);
        }
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data.get(i) & 0xFF) << 8) | (data.get(i + 1) & 0xFF);
        }
        if (i < end) {
            sum += (data.get(i) & 0xFF) << 8;
        }
        return sum;
    }

    static long add(long sum, byte[] data) {
        return add(sum, data, 0, data.length);
    }

    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8;
        }
        return sum;
    }

    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** The pseudo-header sum for VRRP ({@code protocol 112}) of {@code length} bytes. */
    static long pseudoHeader(InetAddress source, InetAddress destination, int length) {
        long sum = add(add(0, source.getAddress()), destination.getAddress());
        if (source instanceof Inet6Address) {
            // IPv6: 32-bit upper-layer length, three zero bytes, next header.
            return sum + (length >>> 16) + (length & 0xFFFF) + VrrpCodec.PROTOCOL;
        }
        return sum + VrrpCodec.PROTOCOL + length;
    }

    /** Checksum of a byte range with no pseudo-header (VRRPv2, IPv4 header). */
    public static int of(ByteBuffer data, int offset, int length) {
        return fold(add(0, data, offset, length));
    }

    /**
     * VRRPv3 checksum of the message at {@code offset} with the pseudo-header of the given addresses:
     * IPv4 {@code src, dst, 0, 112, len} or IPv6 {@code src, dst, len32, 0, 0, 0, 112}. On IPv6 the
     * kernel computes the same value through {@code IPV6_CHECKSUM}; this one serves tests and
     * encoders that want the bytes exact before they reach the socket.
     */
    public static int withPseudoHeader(InetAddress source, InetAddress destination, ByteBuffer data, int offset, int length) {
        if ((source instanceof Inet4Address) != (destination instanceof Inet4Address)) {
            throw new IllegalArgumentException("source and destination must be of one family: " + source + " -> " + destination);
        }
        return fold(add(pseudoHeader(source, destination, length), data, offset, length));
    }
}
