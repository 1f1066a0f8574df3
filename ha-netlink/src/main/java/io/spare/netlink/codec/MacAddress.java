package io.spare.netlink.codec;

import io.spare.api.AddressFamily;
import java.util.HexFormat;

/** Ethernet addresses as bytes and as the lower-case colon text {@code ip} shows. */
public final class MacAddress {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private MacAddress() {}

    public static String format(byte[] mac) {
        return COLONS.formatHex(mac);
    }

    public static byte[] parse(String text) {
        byte[] mac = COLONS.parseHex(text);
        if (mac.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return mac;
    }

    /** The VRRP virtual router MAC (RFC 5798 section 7.3): 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6. */
    public static byte[] vrrp(int vrid, AddressFamily family) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("virtual router id must be 1..255 (was " + vrid + ")");
        }
        return new byte[] {0, 0, 0x5e, 0, (byte) (family == AddressFamily.IPV4 ? 1 : 2), (byte) vrid};
    }
}
