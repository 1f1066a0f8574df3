package io.spare.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AddressCacheTest {
    private final AddressCache cache = new AddressCache();

    @Test
    void theSameBytesGiveTheSameAddressAndScratchBytesMayBeReused() throws Exception {
        byte[] scratch = {10, 99, 0, 2};
        InetAddress first = cache.of(scratch);
        scratch[3] = 3;
        InetAddress other = cache.of(scratch);
        scratch[3] = 2;

        assertThat(first).isEqualTo(InetAddress.getByName("10.99.0.2"));
        assertThat(other).isEqualTo(InetAddress.getByName("10.99.0.3"));
        assertThat(cache.of(scratch)).isSameAs(first);
        assertThat(cache.of(ByteBuffer.wrap(new byte[] {0, 10, 99, 0, 2}), 1, 4)).isSameAs(first);
    }

    @Test
    void ipv6AndEvictionWhenMoreAddressesThanSlots() throws Exception {
        InetAddress v6 = cache.of(InetAddress.getByName("fd99::2").getAddress());
        assertThat(v6).isEqualTo(InetAddress.getByName("fd99::2"));
        for (int i = 0; i < 20; i++) {
            assertThat(cache.of(new byte[] {10, 99, 1, (byte) i})).isEqualTo(InetAddress.getByName("10.99.1." + i));
        }
        InetAddress again = cache.of(InetAddress.getByName("fd99::2").getAddress());
        assertThat(again).isEqualTo(v6).isNotSameAs(v6);
    }
}
