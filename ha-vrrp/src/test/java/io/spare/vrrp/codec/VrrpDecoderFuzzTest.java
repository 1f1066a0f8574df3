package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.GoldenVectors.ip;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spare.api.Advertisement;
import io.spare.api.AddressFamily;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whatever arrives on the raw socket, the decoder either returns an advert that re-encodes to the
 * same bytes or throws {@link MalformedAdvertisementException}; the policy never throws. Without
 * {@code JAZZER_FUZZ=1} this replays the committed corpus in
 * {@code src/test/resources/io/spare/vrrp/codec/VrrpDecoderFuzzTestInputs/}.
 */
class VrrpDecoderFuzzTest {
    private static final InetAddress[][] ADDRESSES = {
        {ip("10.99.0.2"), ip("224.0.0.18")},
        {ip("10.99.0.1"), ip("10.99.0.2")},
        {ip("fe80::4818:2bff:fe46:31b7"), ip("ff02::12")},
    };
    private static final ReceivePolicy POLICY = new ReceivePolicy(new ChannelSpec("VI_1", "eth0", AddressFamily.IPV4, 51, 2,
            Authentication.pass("1111"), Duration.ofSeconds(1), Optional.empty(), List.of(),
            List.of(VirtualAddress.of(ip("10.99.0.200")))));

    @FuzzTest(maxDuration = "30s")
    void decodeNeverThrowsAnythingElse(FuzzedDataProvider data) {
        InetAddress[] pair = ADDRESSES[data.consumeInt(0, ADDRESSES.length - 1)];
        int ttl = data.consumeInt(-1, 255);
        byte[] wire = data.consumeRemainingAsBytes();
        try {
            Advertisement advert = VrrpCodec.decode(ByteBuffer.wrap(wire), pair[0], pair[1]);
            ByteBuffer out = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
            VrrpCodec.encode(advert, pair[0], pair[1], out);
            out.flip();
            // Re-encoding reproduces the message (without padding), except auth data that type NONE ignores.
            ByteBuffer again = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
            VrrpCodec.encode(VrrpCodec.decode(out, pair[0], pair[1]), pair[0], pair[1], again);
            assertThat(again.flip()).isEqualTo(out);
        } catch (MalformedAdvertisementException expected) {
            assertThat(expected.reason()).isNotNull();
        }
        if (pair[0].getAddress().length == 4) {
            assertThat(POLICY.check(ByteBuffer.wrap(wire), pair[0], pair[1], ttl)).isNotNull();
        }
    }
}
