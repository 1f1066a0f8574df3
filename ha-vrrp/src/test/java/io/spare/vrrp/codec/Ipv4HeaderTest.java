package io.spare.vrrp.codec;

import static io.spare.vrrp.codec.GoldenVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.vrrp.codec.MalformedAdvertisementException.Reason;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    private static final String HEADER = "45c0002000020000ff70d0340a630002e0000012";
    private static final String PAYLOAD = "31336401006474480a6300c8";

    @Test
    void readsTtlProtocolAndLengthOfAKeepalivedPacket() throws Exception {
        ByteBuffer packet = ByteBuffer.wrap(hex(HEADER + PAYLOAD));
        Ipv4Header header = Ipv4Header.parse(packet);
        assertThat(header.ttl()).isEqualTo(255);
        assertThat(header.protocol()).isEqualTo(112);
        assertThat(header.totalLength()).isEqualTo(32);
        assertThat(header.source()).isEqualTo(GoldenVectors.ip("10.99.0.2"));
        assertThat(GoldenVectors.hex(header.payload(packet))).isEqualTo(PAYLOAD);
    }

    @Test
    void wrongTtlIsReadAsIs() throws Exception {
        byte[] bytes = hex(HEADER + PAYLOAD);
        bytes[8] = 64;
        assertThat(Ipv4Header.parse(ByteBuffer.wrap(bytes)).ttl()).isEqualTo(64);
    }

    @Test
    void refusesBrokenHeaders() {
        assertReason(Reason.IP_HEADER, "45c000");
        assertReason(Reason.IP_HEADER, "65" + (HEADER + PAYLOAD).substring(2));
        assertReason(Reason.IP_HEADER, "4f" + (HEADER + PAYLOAD).substring(2));
        assertReason(Reason.IP_LENGTH, HEADER + PAYLOAD + "00");
        assertReason(Reason.IP_LENGTH, HEADER + PAYLOAD.substring(2));
        assertReason(Reason.PROTOCOL, HEADER.substring(0, 18) + "06" + HEADER.substring(20) + PAYLOAD);
    }

    @Test
    void toleratesEthernetPaddingAndCutsThePayloadAtTheTotalLength() throws Exception {
        ByteBuffer packet = ByteBuffer.wrap(hex(HEADER + PAYLOAD + "00".repeat(14)));
        Ipv4Header header = Ipv4Header.parse(packet);
        assertThat(GoldenVectors.hex(header.payload(packet))).isEqualTo(PAYLOAD);
    }

    private static void assertReason(Reason reason, String hex) {
        assertThatThrownBy(() -> Ipv4Header.parse(ByteBuffer.wrap(hex(hex))))
                .isInstanceOfSatisfying(MalformedAdvertisementException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
