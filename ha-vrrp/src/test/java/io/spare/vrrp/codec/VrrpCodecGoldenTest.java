package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.GoldenVectors.hex;
import static io.spare.vrrp.codec.GoldenVectors.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AuthType;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real keepalived 2.2.7 packets: decode every field, re-encode, and compare every byte. */
class VrrpCodecGoldenTest {
    /** What each capture must decode to, from the README's tables. */
    private record Expected(int version, int vrid, int priority, Duration interval, List<String> addresses,
            Authentication auth, int checksum, String source, String destination, int ttl, int ipId) {}

    private static final Map<String, Expected> EXPECTED = Map.of(
            "keepalived-v2-pass-vrid51-prio100", new Expected(2, 51, 100, Duration.ofSeconds(1), List.of("10.99.0.200"),
                    Authentication.pass("1111"), 0x0c3d, "10.99.0.2", "224.0.0.18", 255, 0x0002),
            "keepalived-v2-pass-vrid51-prio0-shutdown", new Expected(2, 51, 0, Duration.ofSeconds(1), List.of("10.99.0.200"),
                    Authentication.pass("1111"), 0x703d, "10.99.0.2", "224.0.0.18", 255, 0x000c),
            "keepalived-v3-ipv4-vrid51-prio100", new Expected(3, 51, 100, Duration.ofMillis(1000), List.of("10.99.0.200"),
                    Authentication.NONE, 0x7448, "10.99.0.2", "224.0.0.18", 255, 0x0002),
            "keepalived-v3-ipv4-vrid51-prio0-shutdown", new Expected(3, 51, 0, Duration.ofMillis(1000), List.of("10.99.0.200"),
                    Authentication.NONE, 0xd848, "10.99.0.2", "224.0.0.18", 255, 0x000c),
            "keepalived-v3-ipv6-vrid52-prio100", new Expected(3, 52, 100, Duration.ofMillis(1000), List.of("fd99::200"),
                    Authentication.NONE, 0xc898, "fe80::4818:2bff:fe46:31b7", "ff02::12", 255, -1),
            "keepalived-v3-ipv6-vrid52-prio0-shutdown", new Expected(3, 52, 0, Duration.ofMillis(1000), List.of("fd99::200"),
                    Authentication.NONE, 0x2c99, "fe80::4818:2bff:fe46:31b7", "ff02::12", 255, -1));

    static List<String> captures() {
        return GoldenVectors.names();
    }

    @Test
    void everyCaptureIsCoveredAndNoneIsMissing() {
        assertThat(captures()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodesEveryFieldAndReencodesByteExact(String name) throws Exception {
        Expected expected = EXPECTED.get(name);
        assertThat(expected).as("expectations for new capture %s", name).isNotNull();
        byte[] wire = GoldenVectors.vrrp(name);
        byte[] header = GoldenVectors.ipHeader(name);
        InetAddress source;
        InetAddress destination;
        int ttl;
        if (header.length == 20) {
            ByteBuffer packet = ByteBuffer.allocate(header.length + wire.length).put(header).put(wire).flip();
            Ipv4Header ip = Ipv4Header.parse(packet);
            assertThat(ip.tos()).isEqualTo(0xC0);
            assertThat(ip.flagsAndFragment()).as("keepalived does not set DF").isZero();
            assertThat(ip.identification()).isEqualTo(expected.ipId());
            assertThat(ip.totalLength()).isEqualTo(20 + wire.length);
            assertThat(hex(ip.payload(packet))).isEqualTo(HexFormat.of().formatHex(wire));
            // keepalived's own header, rebuilt byte for byte (the IP checksum included).
            ByteBuffer rebuilt = ByteBuffer.allocate(20);
            Ipv4Header.forVrrp(ip.source(), ip.destination(), ip.identification(), wire.length, 255).write(rebuilt);
            assertThat(rebuilt.array()).isEqualTo(header);
            source = ip.source();
            destination = ip.destination();
            ttl = ip.ttl();
        } else {
            assertThat(header).hasSize(40);
            assertThat(header[6] & 0xFF).as("next header").isEqualTo(112);
            assertThat(((header[4] & 0xFF) << 8) | (header[5] & 0xFF)).as("payload length").isEqualTo(wire.length);
            source = InetAddress.getByAddress(Arrays.copyOfRange(header, 8, 24));
            destination = InetAddress.getByAddress(Arrays.copyOfRange(header, 24, 40));
            ttl = header[7] & 0xFF;
        }
        assertThat(source).isEqualTo(ip(expected.source()));
        assertThat(destination).isEqualTo(ip(expected.destination()));
        assertThat(ttl).isEqualTo(expected.ttl());

        Advertisement advert = VrrpCodec.decode(ByteBuffer.wrap(wire), source, destination);

        assertThat(advert.version()).isEqualTo(expected.version());
        assertThat(advert.vrid()).isEqualTo(expected.vrid());
        assertThat(advert.priority()).isEqualTo(expected.priority());
        assertThat(advert.advertInterval()).isEqualTo(expected.interval());
        assertThat(advert.addresses()).containsExactlyElementsOf(expected.addresses().stream().map(GoldenVectors::ip).toList());
        assertThat(advert.authentication()).isEqualTo(expected.auth());
        assertThat(((wire[6] & 0xFF) << 8) | (wire[7] & 0xFF)).isEqualTo(expected.checksum());

        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
        VrrpCodec.encode(advert, source, destination, out);
        out.flip();
        assertThat(hex(out)).isEqualTo(HexFormat.of().formatHex(wire));
        assertThat(VrrpCodec.encodedLength(advert, advert.family())).isEqualTo(wire.length);
    }

    @Test
    void readmeEncoderVectorsThatKeepalivedAccepted() throws Exception {
        assertEncodes(new Advertisement(2, 51, 150, Duration.ofSeconds(1), List.of(ip("10.99.0.200")), Authentication.pass("1111")),
                "10.99.0.1", "224.0.0.18", "213396010101da3c0a6300c83131313100000000");
        assertEncodes(new Advertisement(3, 51, 150, Duration.ofMillis(1000), List.of(ip("10.99.0.200")), Authentication.NONE),
                "10.99.0.1", "224.0.0.18", "31339601006442490a6300c8");
        assertEncodes(new Advertisement(3, 52, 150, Duration.ofMillis(1000), List.of(ip("fd99::200")), Authentication.NONE),
                "fe80::8cf7:b4ff:fe77:ba54", "ff02::12", "3134960100643feafd990000000000000000000000000200");
    }

    @Test
    void scapyVectors() throws Exception {
        assertEncodes(new Advertisement(3, 2, 254, Duration.ofMillis(10), List.of(ip("20.0.1.2"), ip("20.0.1.3")), Authentication.NONE),
                "20.0.0.3", "224.0.0.18", "3102fe020001b25e1400010214000103");
        // v3_checksum_as_v2: the same message without the pseudo-header.
        byte[] zeroed = hex("3102fe02000100001400010214000103");
        assertThat(InternetChecksum.of(ByteBuffer.wrap(zeroed), 0, zeroed.length)).isEqualTo(0xA6F4);
        assertEncodes(new Advertisement(3, 2, 254, Duration.ofMillis(10), List.of(ip("2001:db8::2"), ip("2001:db8::3")), Authentication.NONE),
                "2001:db8::1", "ff02::12", "3102fe020001481b" + "20010db8000000000000000000000002" + "20010db8000000000000000000000003");
        assertEncodes(new Advertisement(2, 1, 100, Duration.ofSeconds(1), List.of(), Authentication.NONE),
                "10.0.0.1", "224.0.0.18", "210164000001" + "7afd" + "0000000000000000");
    }

    @Test
    void tcpdumpVectors() throws Exception {
        Advertisement v2 = assertDecodesAndReencodes("10.0.0.91", "224.0.0.18",
                "212abf03010af11f0a042a010a042a020a042a036162636465666768");
        assertThat(v2.vrid()).isEqualTo(42);
        assertThat(v2.priority()).isEqualTo(191);
        assertThat(v2.advertInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(v2.authentication()).isEqualTo(Authentication.pass("abcdefgh"));
        assertThat(v2.addresses()).containsExactly(ip("10.4.42.1"), ip("10.4.42.2"), ip("10.4.42.3"));

        Advertisement v3 = assertDecodesAndReencodes("10.0.0.91", "224.0.0.18", "312cbf0203e8b3c60a042c640a042cc8");
        assertThat(v3.vrid()).isEqualTo(44);
        assertThat(v3.priority()).isEqualTo(191);
        assertThat(v3.advertInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(v3.authentication().type()).isEqualTo(AuthType.NONE);
        assertThat(v3.addresses()).containsExactly(ip("10.4.44.100"), ip("10.4.44.200"));
    }

    @Test
    void v3ChecksumUsesTheActualUnicastDestination() throws Exception {
        Advertisement advert = new Advertisement(3, 51, 150, Duration.ofMillis(1000), List.of(ip("10.99.0.200")), Authentication.NONE);
        ByteBuffer toPeer = ByteBuffer.allocate(64);
        VrrpCodec.encode(advert, ip("10.99.0.1"), ip("10.99.0.2"), toPeer);
        toPeer.flip();
        assertThat(hex(toPeer)).isNotEqualTo("31339601006442490a6300c8");
        assertThat(VrrpCodec.decode(toPeer, ip("10.99.0.1"), ip("10.99.0.2"))).isEqualTo(advert);
        assertThat(InternetChecksum.withPseudoHeader(ip("10.99.0.1"), ip("10.99.0.2"), toPeer, 0, 12)).isZero();
    }

    private static void assertEncodes(Advertisement advert, String source, String destination, String wire) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
        VrrpCodec.encode(advert, ip(source), ip(destination), out);
        out.flip();
        assertThat(hex(out)).isEqualTo(wire);
        assertThat(VrrpCodec.decode(out, ip(source), ip(destination))).isEqualTo(advert);
        assertThat(ip(source) instanceof Inet4Address || InternetChecksum.withPseudoHeader(ip(source), ip(destination), out, 0, out.limit()) == 0)
                .isTrue();
    }

    private static Advertisement assertDecodesAndReencodes(String source, String destination, String wire) throws Exception {
        Advertisement advert = VrrpCodec.decode(ByteBuffer.wrap(hex(wire)), ip(source), ip(destination));
        assertEncodes(advert, source, destination, wire);
        return advert;
    }
}
