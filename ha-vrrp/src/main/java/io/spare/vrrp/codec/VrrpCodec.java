package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.MalformedAdvertisementException.Reason;

import io.spare.api.AddressFamily;
import io.spare.api.Advertisement;
import io.spare.api.AuthType;
import io.spare.api.Authentication;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * VRRP advertisements to and from bytes, exactly as keepalived writes and checks them: v2 (RFC 3768)
 * with the 8 auth-data bytes always present on IPv4, v3 (RFC 5798) over IPv4 and IPv6 with the
 * pseudo-header checksum of the actual destination. Pure: no logging, no sockets, no state.
 */
public final class VrrpCodec {
    /** IP protocol number of VRRP. */
    public static final int PROTOCOL = 112;
    /** Bytes of the fixed VRRP header. */
    public static final int HEADER_LENGTH = 8;
    /** Bytes of VRRPv2 authentication data, present on IPv4 whatever the auth type. */
    public static final int AUTH_DATA_LENGTH = 8;
    /** The only packet type VRRP defines. */
    public static final int TYPE_ADVERTISEMENT = 1;
    /** The largest VRRP message: 255 IPv6 addresses. */
    public static final int MAX_LENGTH = HEADER_LENGTH + 255 * 16 + AUTH_DATA_LENGTH;

    private static final int V3_INTERVAL_MASK = 0x0FFF;
    /** Ethernet minimum payload: keepalived tolerates the padding that fills a frame up to it. */
    private static final int ETHERNET_MIN_PAYLOAD = 46;
    private static final int IPV4_HEADER_LENGTH = 20;

    private VrrpCodec() {}

    /**
     * Decodes the VRRP message between {@code vrrp}'s position and limit (the position does not
     * move), checking in keepalived's order: length, version, auth type, packet type, checksum; then
     * refuses VRID 0 and interval 0, which keepalived would only catch by comparison with its config.
     *
     * @param source the IP source, for the v3 pseudo-header; its family decides IPv4 vs IPv6
     * @param destination the IP destination the packet was actually sent to
     */
    public static Advertisement decode(ByteBuffer vrrp, InetAddress source, InetAddress destination)
            throws MalformedAdvertisementException {
        AddressFamily family = AddressFamily.of(source);
        if (AddressFamily.of(destination) != family) {
            throw new IllegalArgumentException("source and destination must be of one family: " + source + " -> " + destination);
        }
        int base = vrrp.position();
        int received = vrrp.remaining();
        if (received < HEADER_LENGTH) {
            throw new MalformedAdvertisementException(Reason.TRUNCATED, received + " bytes, a VRRP header has 8");
        }
        int versionType = u8(vrrp, base);
        int version = versionType >>> 4;
        int count = u8(vrrp, base + 3);
        int addressLength = family.addressLength();
        int authLength = authDataLength(version, family);
        int expected = HEADER_LENGTH + count * addressLength + authLength;
        checkLength(received, expected, count, addressLength, authLength, family);

        if (version != 2 && version != 3) {
            throw new MalformedAdvertisementException(Reason.VERSION, "version " + version + ", expected 2 or 3");
        }
        AuthType authType = AuthType.NONE;
        if (version == 2) {
            authType = authType(u8(vrrp, base + 4));
        }
        int type = versionType & 0x0F;
        if (type != TYPE_ADVERTISEMENT) {
            throw new MalformedAdvertisementException(Reason.TYPE, "packet type " + type + ", expected 1 (advertisement)");
        }
        int checksum = (version == 2 && family == AddressFamily.IPV4)
                ? InternetChecksum.of(vrrp, base, expected)
                : InternetChecksum.withPseudoHeader(source, destination, vrrp, base, expected);
        if (checksum != 0) {
            throw new MalformedAdvertisementException(Reason.CHECKSUM, String.format(
                    "checksum 0x%04x does not match (v%d, %s -> %s)", u16(vrrp, base + 6), version,
                    source.getHostAddress(), destination.getHostAddress()));
        }
        int vrid = u8(vrrp, base + 1);
        if (vrid == 0) {
            throw new MalformedAdvertisementException(Reason.VRID, "virtual router id 0");
        }
        int priority = u8(vrrp, base + 2);
        int intervalUnits = version == 2 ? u8(vrrp, base + 5) : u16(vrrp, base + 4) & V3_INTERVAL_MASK;
        if (intervalUnits == 0) {
            throw new MalformedAdvertisementException(Reason.INTERVAL, "advert interval 0");
        }
        Duration interval = version == 2 ? Duration.ofSeconds(intervalUnits) : Duration.ofMillis(10L * intervalUnits);
        List<InetAddress> addresses = readAddresses(vrrp, base + HEADER_LENGTH, count, addressLength);
        Authentication authentication = authentication(authType, vrrp, base + HEADER_LENGTH + count * addressLength, authLength);
        return new Advertisement(version, vrid, priority, interval, addresses, authentication);
    }

    /**
     * Writes {@code advertisement} at {@code out}'s position and advances it, checksum included.
     * IPv6 sockets overwrite the checksum through {@code IPV6_CHECKSUM} with the same value.
     *
     * @throws IllegalArgumentException if the advert cannot be put on the wire as it is (an interval
     *     not representable in the version's unit, addresses of the other family)
     */
    public static void encode(Advertisement advertisement, InetAddress source, InetAddress destination, ByteBuffer out) {
        AddressFamily family = AddressFamily.of(source);
        if (AddressFamily.of(destination) != family) {
            throw new IllegalArgumentException("source and destination must be of one family: " + source + " -> " + destination);
        }
        for (InetAddress address : advertisement.addresses()) {
            if (!family.contains(address)) {
                throw new IllegalArgumentException("address " + address.getHostAddress() + " is not " + family);
            }
        }
        int version = advertisement.version();
        int length = encodedLength(advertisement, family);
        int base = out.position();
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer has " + out.remaining() + " bytes, the advert needs " + length);
        }
        out.put(base, (byte) (version << 4 | TYPE_ADVERTISEMENT));
        out.put(base + 1, (byte) advertisement.vrid());
        out.put(base + 2, (byte) advertisement.priority());
        out.put(base + 3, (byte) advertisement.addresses().size());
        if (version == 2) {
            out.put(base + 4, (byte) advertisement.authentication().type().code());
            out.put(base + 5, (byte) v2Seconds(advertisement.advertInterval()));
        } else {
            putU16(out, base + 4, v3Centiseconds(advertisement.advertInterval()));
        }
        putU16(out, base + 6, 0);
        int at = base + HEADER_LENGTH;
        for (InetAddress address : advertisement.addresses()) {
            out.put(at, address.getAddress());
            at += family.addressLength();
        }
        if (authDataLength(version, family) > 0) {
            byte[] auth = advertisement.authentication().type() == AuthType.PASS
                    ? advertisement.authentication().wireBytes()
                    : new byte[AUTH_DATA_LENGTH];
            out.put(at, auth);
        }
        int checksum = (version == 2 && family == AddressFamily.IPV4)
                ? InternetChecksum.of(out, base, length)
                : InternetChecksum.withPseudoHeader(source, destination, out, base, length);
        putU16(out, base + 6, checksum);
        out.position(base + length);
    }

    /** Bytes {@link #encode} writes for this advert on this family. */
    public static int encodedLength(Advertisement advertisement, AddressFamily family) {
        return HEADER_LENGTH
                + advertisement.addresses().size() * family.addressLength()
                + authDataLength(advertisement.version(), family);
    }

    /** The VRID byte of a message of at least 2 bytes, for dispatch before decoding; -1 if shorter. */
    public static int peekVrid(ByteBuffer vrrp) {
        return vrrp.remaining() < 2 ? -1 : u8(vrrp, vrrp.position() + 1);
    }

    /** The v2 interval byte: whole seconds 1..255. */
    public static int v2Seconds(Duration interval) {
        long millis = interval.toMillis();
        if (millis % 1000 != 0 || millis < 1000 || millis > 255_000) {
            throw new IllegalArgumentException("a VRRPv2 advert interval is 1..255 whole seconds (was " + interval + ")");
        }
        return (int) (millis / 1000);
    }

    /** The v3 12-bit interval: centiseconds 1..4095. */
    public static int v3Centiseconds(Duration interval) {
        long millis = interval.toMillis();
        if (millis % 10 != 0 || millis < 10 || millis > 40_950 || interval.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("a VRRPv3 advert interval is 10ms..40.95s in steps of 10ms (was " + interval + ")");
        }
        return (int) (millis / 10);
    }

    private static int authDataLength(int version, AddressFamily family) {
        // keepalived adds auth data only for AF_INET: a (non-standard) v2 IPv6 advert has none.
        return version == 2 && family == AddressFamily.IPV4 ? AUTH_DATA_LENGTH : 0;
    }

    private static void checkLength(int received, int expected, int count, int addressLength, int authLength, AddressFamily family)
            throws MalformedAdvertisementException {
        if (received == expected) {
            return;
        }
        int ipHeader = family == AddressFamily.IPV4 ? IPV4_HEADER_LENGTH : 0;
        // Frame padding is only recognisable modulo 4 (VLAN tags), as keepalived checks it.
        boolean padding = ipHeader + expected < ETHERNET_MIN_PAYLOAD
                && received > expected
                && (received - expected) % 4 == (4 - ETHERNET_MIN_PAYLOAD % 4) % 4;
        if (padding) {
            return;
        }
        int addressBytes = received - HEADER_LENGTH - authLength;
        if (addressBytes >= 0 && addressBytes % addressLength == 0) {
            throw new MalformedAdvertisementException(Reason.ADDRESS_COUNT, "address count " + count + " but "
                    + addressBytes / addressLength + " addresses in " + received + " bytes");
        }
        throw new MalformedAdvertisementException(received < expected ? Reason.TRUNCATED : Reason.LENGTH,
                received + " bytes, expected " + expected + " for " + count + " addresses");
    }

    /** values() clones the array on every call; decoding runs for every advert received. */
    private static final AuthType[] AUTH_TYPES = AuthType.values();

    private static AuthType authType(int code) throws MalformedAdvertisementException {
        for (AuthType type : AUTH_TYPES) {
            if (type.code() == code) {
                return type;
            }
        }
        throw new MalformedAdvertisementException(Reason.AUTH_TYPE, "auth type " + code + ", expected 0, 1 or 2");
    }

    private static Authentication authentication(AuthType type, ByteBuffer vrrp, int at, int length) {
        if (type == AuthType.NONE) {
            return Authentication.NONE;
        }
        int end = length;
        while (end > 0 && vrrp.get(at + end - 1) == 0) {
            end--;
        }
        byte[] password = new byte[end];
        vrrp.get(at, password);
        return new Authentication(type, new String(password, StandardCharsets.ISO_8859_1));
    }

    private static List<InetAddress> readAddresses(ByteBuffer vrrp, int at, int count, int addressLength) {
        InetAddress[] addresses = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[addressLength];
            vrrp.get(at + i * addressLength, raw);
            try {
                addresses[i] = InetAddress.getByAddress(raw);
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes are always an address", e);
            }
        }
        // Immutable already, so the Advertisement keeps it without another copy.
        return List.of(addresses);
    }

    static void putU16(ByteBuffer buffer, int index, int value) {
        buffer.put(index, (byte) (value >>> 8));
        buffer.put(index + 1, (byte) value);
    }

    static int u8(ByteBuffer buffer, int index) {
        return buffer.get(index) & 0xFF;
    }

    static int u16(ByteBuffer buffer, int index) {
        return (buffer.get(index) & 0xFF) << 8 | (buffer.get(index + 1) & 0xFF);
    }
}
