package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.GoldenVectors.hex;
import static io.spare.vrrp.codec.GoldenVectors.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.Advertisement;
import io.spare.api.AuthType;
import io.spare.api.Authentication;
import io.spare.vrrp.codec.MalformedAdvertisementException.Reason;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken packets are refused with the reason keepalived would log, before anything else. */
class VrrpCodecMalformedTest {
    private static final InetAddress SRC = ip("10.99.0.2");
    private static final InetAddress GROUP = ip("224.0.0.18");
    private static final String V2 = "2133640101010c3d0a6300c83131313100000000";
    private static final String V3 = "31336401006474480a6300c8";
    private static final InetAddress SRC6 = ip("fe80::4818:2bff:fe46:31b7");
    private static final InetAddress GROUP6 = ip("ff02::12");
    private static final String V3_6 = "313464010064c898fd990000000000000000000000000200";

    @Test
    void truncatedBelowTheHeader() {
        assertReason(Reason.TRUNCATED, "213364", SRC, GROUP);
        assertReason(Reason.TRUNCATED, "", SRC, GROUP);
    }

    @Test
    void truncatedInsideTheAddressesOrAuthData() {
        assertReason(Reason.TRUNCATED, V2.substring(0, V2.length() - 2), SRC, GROUP);
        assertReason(Reason.TRUNCATED, V3.substring(0, V3.length() - 2), SRC, GROUP);
        assertReason(Reason.TRUNCATED, V3_6.substring(0, 40), SRC6, GROUP6);
    }

    @Test
    void addressCountThatDisagreesWithTheAddressesPresent() {
        // count 2, but only one address follows.
        assertReason(Reason.ADDRESS_COUNT, "313364020064" + "0000" + "0a6300c8" + "0a6300c9" + "0a6300ca", SRC, GROUP);
    }

    @Test
    void tooLongBeyondEthernetPadding() {
        assertReason(Reason.LENGTH, V2 + "000000", SRC, GROUP);
        assertReason(Reason.LENGTH, V3 + "00", SRC, GROUP);
    }

    @Test
    void ethernetPaddingIsToleratedLikeKeepalived() throws Exception {
        // 20 + 12 bytes padded up to a 46-byte IP packet: 14 extra bytes, 14 % 4 == 2.
        Advertisement advert = VrrpCodec.decode(ByteBuffer.wrap(hex(V3 + "00".repeat(14))), SRC, GROUP);
        assertThat(advert.priority()).isEqualTo(100);
    }

    @Test
    void badVersion() {
        assertReason(Reason.VERSION, "11" + V3.substring(2), SRC, GROUP);
        assertReason(Reason.VERSION, "41" + V3.substring(2), SRC, GROUP);
    }

    @Test
    void badAuthTypeOnV2() {
        assertReason(Reason.AUTH_TYPE, patch(V2, 4, 3), SRC, GROUP);
    }

    @Test
    void badType() {
        assertReason(Reason.TYPE, patch(V3, 0, 0x32), SRC, GROUP);
    }

    @Test
    void badChecksumOnEveryFlavour() {
        assertReason(Reason.CHECKSUM, patch(V2, 7, 0x3e), SRC, GROUP);
        assertReason(Reason.CHECKSUM, patch(V3, 2, 101), SRC, GROUP);
        assertReason(Reason.CHECKSUM, patch(V3_6, 2, 101), SRC6, GROUP6);
    }

    @Test
    void v3ChecksumIsBoundToTheAddressesOfThePseudoHeader() {
        assertReason(Reason.CHECKSUM, V3, ip("10.99.0.3"), GROUP);
        assertReason(Reason.CHECKSUM, V3, SRC, ip("224.0.0.19"));
        assertReason(Reason.CHECKSUM, V3_6, ip("fe80::1"), GROUP6);
    }

    @Test
    void vridZero() {
        byte[] bytes = hex(patch(V2, 1, 0));
        fixV2Checksum(bytes);
        assertReason(Reason.VRID, java.util.HexFormat.of().formatHex(bytes), SRC, GROUP);
    }

    @Test
    void intervalZero() {
        byte[] v2 = hex(patch(V2, 5, 0));
        fixV2Checksum(v2);
        assertReason(Reason.INTERVAL, java.util.HexFormat.of().formatHex(v2), SRC, GROUP);
        byte[] v3 = hex(patch(patch(V3, 4, 0xF0), 5, 0));
        fixV3Checksum(v3, SRC, GROUP);
        assertReason(Reason.INTERVAL, java.util.HexFormat.of().formatHex(v3), SRC, GROUP);
    }

    @Test
    void reservedV3BitsAreIgnoredOnReadAndZeroOnWrite() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64);
        Advertisement advert = new Advertisement(3, 51, 100, Duration.ofSeconds(1), List.of(ip("10.99.0.200")), Authentication.NONE);
        VrrpCodec.encode(advert, SRC, GROUP, out);
        byte[] wire = Arrays.copyOf(out.array(), out.position());
        wire[4] |= (byte) 0xF0;
        fixV3Checksum(wire, SRC, GROUP);
        assertThat(VrrpCodec.decode(ByteBuffer.wrap(wire), SRC, GROUP)).isEqualTo(advert);
        assertThat(out.array()[4] & 0xF0).isZero();
    }

    @Test
    void passwordWithTrailingZerosAndFullEightBytesRoundTrips() throws Exception {
        for (String password : List.of("1", "12345678", "pa\0ss")) {
            Advertisement advert = new Advertisement(2, 9, 50, Duration.ofSeconds(3), List.of(ip("10.99.0.9")), Authentication.pass(password));
            ByteBuffer out = ByteBuffer.allocate(64);
            VrrpCodec.encode(advert, SRC, GROUP, out);
            out.flip();
            assertThat(VrrpCodec.decode(out, SRC, GROUP)).isEqualTo(advert);
        }
    }

    @Test
    void authNoneSendsZeroAuthData() {
        ByteBuffer out = ByteBuffer.allocate(64);
        VrrpCodec.encode(new Advertisement(2, 1, 100, Duration.ofSeconds(1), List.of(), Authentication.NONE), SRC, GROUP, out);
        assertThat(Arrays.copyOfRange(out.array(), 8, 16)).containsOnly(0);
        assertThat(out.position()).isEqualTo(16);
    }

    @Test
    void v2OverIpv6HasNoAuthData() throws Exception {
        Advertisement advert = new Advertisement(2, 7, 100, Duration.ofSeconds(1), List.of(ip("fd99::7")), Authentication.NONE);
        ByteBuffer out = ByteBuffer.allocate(64);
        VrrpCodec.encode(advert, SRC6, GROUP6, out);
        assertThat(out.position()).isEqualTo(8 + 16);
        out.flip();
        assertThat(VrrpCodec.decode(out, SRC6, GROUP6)).isEqualTo(advert);
    }

    @Test
    void encoderRefusesWhatTheWireCannotCarry() {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> VrrpCodec.encode(
                new Advertisement(2, 1, 100, Duration.ofMillis(1500), List.of(), Authentication.NONE), SRC, GROUP, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> VrrpCodec.encode(
                new Advertisement(3, 1, 100, Duration.ofMillis(41_000), List.of(), Authentication.NONE), SRC, GROUP, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40.95s");
        assertThatThrownBy(() -> VrrpCodec.encode(
                new Advertisement(3, 1, 100, Duration.ofSeconds(1), List.of(ip("fd99::1")), Authentication.NONE), SRC, GROUP, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not IPV4");
        assertThatThrownBy(() -> VrrpCodec.encode(
                new Advertisement(3, 1, 100, Duration.ofSeconds(1), List.of(), Authentication.NONE), SRC, GROUP6, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).isZero();
    }

    @Test
    void decodeDoesNotMoveThePosition() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(hex(V3));
        VrrpCodec.decode(buffer, SRC, GROUP);
        assertThat(buffer.position()).isZero();
        assertThat(VrrpCodec.peekVrid(buffer)).isEqualTo(51);
        assertThat(VrrpCodec.peekVrid(ByteBuffer.allocate(1))).isEqualTo(-1);
    }

    @Test
    void authAhDecodesAsAh() throws Exception {
        byte[] wire = hex(patch(V2, 4, 2));
        fixV2Checksum(wire);
        assertThat(VrrpCodec.decode(ByteBuffer.wrap(wire), SRC, GROUP).authentication().type()).isEqualTo(AuthType.AH);
    }

    static void assertReason(Reason reason, String hex, InetAddress source, InetAddress destination) {
        assertThatThrownBy(() -> VrrpCodec.decode(ByteBuffer.wrap(hex(hex)), source, destination))
                .isInstanceOfSatisfying(MalformedAdvertisementException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.counterName() + ": ");
    }

    static String patch(String hex, int index, int value) {
        byte[] bytes = hex(hex);
        bytes[index] = (byte) value;
        return java.util.HexFormat.of().formatHex(bytes);
    }

    static void fixV2Checksum(byte[] wire) {
        wire[6] = 0;
        wire[7] = 0;
        int sum = InternetChecksum.of(ByteBuffer.wrap(wire), 0, wire.length);
        wire[6] = (byte) (sum >>> 8);
        wire[7] = (byte) sum;
    }

    static void fixV3Checksum(byte[] wire, InetAddress source, InetAddress destination) {
        wire[6] = 0;
        wire[7] = 0;
        int sum = InternetChecksum.withPseudoHeader(source, destination, ByteBuffer.wrap(wire), 0, wire.length);
        wire[6] = (byte) (sum >>> 8);
        wire[7] = (byte) sum;
    }
}
