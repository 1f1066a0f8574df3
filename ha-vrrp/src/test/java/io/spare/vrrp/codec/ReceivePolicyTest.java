package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.GoldenVectors.hex;
import static io.spare.vrrp.codec.GoldenVectors.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AddressFamily;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import io.spare.vrrp.codec.ReceiveVerdict.Outcome;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's receive checks, one behaviour per test, on real keepalived packets where possible. */
class ReceivePolicyTest {
    private static final InetAddress KEEPALIVED = ip("10.99.0.2");
    private static final InetAddress GROUP = ip("224.0.0.18");
    private static final String V2_PASS_1111 = "2133640101010c3d0a6300c83131313100000000";
    private static final String V3 = "31336401006474480a6300c8";

    private static ChannelSpec spec(int version, Authentication auth, Duration interval, List<InetAddress> peers, String... vips) {
        return new ChannelSpec("VI_1", "eth0", AddressFamily.IPV4, 51, version, auth, interval, Optional.empty(), peers,
                java.util.Arrays.stream(vips).map(v -> VirtualAddress.of(ip(v), 24)).toList());
    }

    private static final ChannelSpec V2_SPEC = spec(2, Authentication.pass("1111"), Duration.ofSeconds(1), List.of(), "10.99.0.200");
    private static final ChannelSpec V3_SPEC = spec(3, Authentication.NONE, Duration.ofSeconds(1), List.of(), "10.99.0.200");

    private static ReceiveVerdict check(ChannelSpec spec, String hex, InetAddress source, InetAddress destination, int ttl) {
        return new ReceivePolicy(spec).check(ByteBuffer.wrap(hex(hex)), source, destination, ttl);
    }

    @Test
    void acceptsKeepalivedV2AndV3() {
        ReceiveVerdict v2 = check(V2_SPEC, V2_PASS_1111, KEEPALIVED, GROUP, 255);
        assertThat(v2.accepted()).as(v2.toString()).isTrue();
        assertThat(v2.addressListMismatch()).isFalse();
        assertThat(v2.advertisement().orElseThrow().priority()).isEqualTo(100);
        ReceiveVerdict v3 = check(V3_SPEC, V3, KEEPALIVED, GROUP, 255);
        assertThat(v3.accepted()).isTrue();
        assertThat(v3.intervalMismatch()).isFalse();
    }

    @Test
    void dropsTtlOtherThan255OnMulticast() {
        assertDrop(check(V2_SPEC, V2_PASS_1111, KEEPALIVED, GROUP, 254), DropReason.TTL);
        assertDrop(check(V3_SPEC, V3, KEEPALIVED, GROUP, 1), DropReason.TTL);
    }

    @Test
    void unicastIgnoresTtlButRequiresAListedPeerAndAUnicastDestination() {
        ChannelSpec unicast = spec(2, Authentication.pass("1111"), Duration.ofSeconds(1), List.of(KEEPALIVED), "10.99.0.200");
        byte[] wire = hex(V2_PASS_1111);
        assertThat(new ReceivePolicy(unicast).check(ByteBuffer.wrap(wire), KEEPALIVED, ip("10.99.0.1"), 64).accepted()).isTrue();
        assertDrop(new ReceivePolicy(unicast).check(ByteBuffer.wrap(wire), ip("10.99.0.3"), ip("10.99.0.1"), 255), DropReason.SOURCE);
        assertDrop(new ReceivePolicy(unicast).check(ByteBuffer.wrap(wire), KEEPALIVED, GROUP, 255), DropReason.DESTINATION);
    }

    @Test
    void multicastInstanceDropsUnicastDestination() {
        assertDrop(check(V2_SPEC, V2_PASS_1111, KEEPALIVED, ip("10.99.0.1"), 255), DropReason.DESTINATION);
    }

    @Test
    void otherVersionIsAVersionMismatchNotAnAdvert() {
        ReceiveVerdict verdict = check(V2_SPEC, V3, KEEPALIVED, GROUP, 255);
        assertThat(verdict.outcome()).isEqualTo(Outcome.VERSION_MISMATCH);
        assertThat(verdict.receivedVersion()).isEqualTo(3);
        assertThat(check(V3_SPEC, V2_PASS_1111, KEEPALIVED, GROUP, 255).outcome()).isEqualTo(Outcome.VERSION_MISMATCH);
    }

    @Test
    void wrongPasswordAndWrongAuthTypeAreDropped() {
        ChannelSpec other = spec(2, Authentication.pass("2222"), Duration.ofSeconds(1), List.of(), "10.99.0.200");
        assertDrop(check(other, V2_PASS_1111, KEEPALIVED, GROUP, 255), DropReason.AUTH);
        ChannelSpec longer = spec(2, Authentication.pass("11112"), Duration.ofSeconds(1), List.of(), "10.99.0.200");
        assertDrop(check(longer, V2_PASS_1111, KEEPALIVED, GROUP, 255), DropReason.AUTH);
        ChannelSpec none = spec(2, Authentication.NONE, Duration.ofSeconds(1), List.of(), "10.99.0.200");
        assertDrop(check(none, V2_PASS_1111, KEEPALIVED, GROUP, 255), DropReason.AUTH_TYPE);
    }

    @Test
    void v2IntervalMismatchIsDropped() {
        ChannelSpec slow = spec(2, Authentication.pass("1111"), Duration.ofSeconds(2), List.of(), "10.99.0.200");
        assertDrop(check(slow, V2_PASS_1111, KEEPALIVED, GROUP, 255), DropReason.INTERVAL);
    }

    @Test
    void v3IntervalMismatchIsAcceptedAndFlagged() {
        ChannelSpec slow = spec(3, Authentication.NONE, Duration.ofSeconds(2), List.of(), "10.99.0.200");
        ReceiveVerdict verdict = check(slow, V3, KEEPALIVED, GROUP, 255);
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.intervalMismatch()).isTrue();
    }

    @Test
    void v3ZeroIntervalIsDropped() {
        Advertisement zero = new Advertisement(3, 51, 100, Duration.ZERO, List.of(ip("10.99.0.200")), Authentication.NONE);
        assertDrop(new ReceivePolicy(V3_SPEC).check(zero, KEEPALIVED, GROUP, 255), DropReason.INTERVAL);
    }

    @Test
    void addressListMismatchIsAcceptedAndFlaggedLikeKeepalived233() {
        ChannelSpec twoVips = spec(3, Authentication.NONE, Duration.ofSeconds(1), List.of(), "10.99.0.200", "10.99.0.201");
        ReceiveVerdict countDiffers = check(twoVips, V3, KEEPALIVED, GROUP, 255);
        assertThat(countDiffers.accepted()).isTrue();
        assertThat(countDiffers.addressListMismatch()).isTrue();
        ChannelSpec otherVip = spec(3, Authentication.NONE, Duration.ofSeconds(1), List.of(), "10.99.0.201");
        assertThat(check(otherVip, V3, KEEPALIVED, GROUP, 255).addressListMismatch()).isTrue();
    }

    @Test
    void malformedPacketsAreDroppedWithTheCodecReason() {
        assertDrop(check(V3_SPEC, V3.substring(0, 10), KEEPALIVED, GROUP, 255), DropReason.TRUNCATED);
        assertDrop(check(V3_SPEC, VrrpCodecMalformedTest.patch(V3, 2, 99), KEEPALIVED, GROUP, 255), DropReason.CHECKSUM);
    }

    @Test
    void keepalivedOrderLengthThenTtlThenVersionThenChecksum() {
        // Too short and TTL 64: keepalived checks the length first.
        assertDrop(check(V3_SPEC, V3.substring(0, 10), KEEPALIVED, GROUP, 64), DropReason.TRUNCATED);
        // Bad checksum and TTL 64: TTL first.
        assertDrop(check(V3_SPEC, VrrpCodecMalformedTest.patch(V3, 2, 99), KEEPALIVED, GROUP, 64), DropReason.TTL);
        // Bad checksum of the other version: the version mismatch is what keepalived reports.
        assertThat(check(V2_SPEC, VrrpCodecMalformedTest.patch(V3, 2, 99), KEEPALIVED, GROUP, 255).outcome())
                .isEqualTo(Outcome.VERSION_MISMATCH);
    }

    @Test
    void unicastV3WithTheOldMulticastChecksumIsAcceptedAndFlagged() {
        ChannelSpec unicast = spec(3, Authentication.NONE, Duration.ofSeconds(1), List.of(KEEPALIVED), "10.99.0.200");
        // keepalived's real multicast packet, received as if unicast to us: its checksum covers 224.0.0.18.
        ReceiveVerdict verdict = check(unicast, V3, KEEPALIVED, ip("10.99.0.1"), 255);
        assertThat(verdict.accepted()).as(verdict.toString()).isTrue();
        assertThat(verdict.oldUnicastChecksum()).isTrue();
        // A checksum that is wrong both ways stays a checksum drop; multicast instances get no such leniency.
        assertDrop(check(unicast, VrrpCodecMalformedTest.patch(V3, 2, 99), KEEPALIVED, ip("10.99.0.1"), 255), DropReason.CHECKSUM);
        assertThat(check(V3_SPEC, V3, KEEPALIVED, GROUP, 255).oldUnicastChecksum()).isFalse();
    }

    @Test
    void everyCodecReasonIsCountedUnderItsOwnName() {
        for (MalformedAdvertisementException.Reason reason : MalformedAdvertisementException.Reason.values()) {
            assertThat(DropReason.of(reason).counterName()).isEqualTo(reason.counterName());
        }
    }

    @Test
    void unknownTtlIsNotChecked() {
        assertThat(check(V3_SPEC, V3, KEEPALIVED, GROUP, -1).accepted()).isTrue();
    }

    private static void assertDrop(ReceiveVerdict verdict, DropReason reason) {
        assertThat(verdict.outcome()).as(verdict.toString()).isEqualTo(Outcome.DROP);
        assertThat(verdict.dropReason()).contains(reason);
        assertThat(verdict.detail()).isNotBlank();
    }
}
