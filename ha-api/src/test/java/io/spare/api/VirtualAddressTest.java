package io.spare.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VirtualAddressTest {
    @Test
    void ipv6PrefixesUpTo128AreValid() throws Exception {
        VirtualAddress vip = VirtualAddress.of(InetAddress.getByName("fd99::200"), 64);
        assertThat(vip.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(vip.cidr()).isEqualTo("fd99:0:0:0:0:0:0:200/64");
        assertThat(VirtualAddress.of(InetAddress.getByName("fd99::200")).prefixLength()).isEqualTo(128);
        assertThatThrownBy(() -> VirtualAddress.of(InetAddress.getByName("fd99::200"), 129))
                .hasMessage("prefix length must be 0..128 (was 129)");
    }

    @Test
    void ipv4PrefixesUpTo32() throws Exception {
        assertThat(VirtualAddress.of(InetAddress.getByName("10.99.0.200")).prefixLength()).isEqualTo(32);
        assertThatThrownBy(() -> VirtualAddress.of(InetAddress.getByName("10.99.0.200"), 33))
                .hasMessage("prefix length must be 0..32 (was 33)");
    }

    @Test
    void printsLikeIp() throws Exception {
        VirtualAddress vip = new VirtualAddress(InetAddress.getByName("10.99.0.200"), 24, Optional.of("eth1"),
                Optional.of("eth1:vip"), AddressScope.LINK);
        assertThat(vip).hasToString("10.99.0.200/24 dev eth1 label eth1:vip scope link");
        assertThat(vip.deviceOr("eth0")).isEqualTo("eth1");
    }

    @Test
    void authenticationNeverPrintsThePassword() {
        assertThat(Authentication.pass("secret")).hasToString("PASS(****)");
        assertThat(Authentication.pass("1111").wireBytes()).containsExactly('1', '1', '1', '1', 0, 0, 0, 0);
    }
}
