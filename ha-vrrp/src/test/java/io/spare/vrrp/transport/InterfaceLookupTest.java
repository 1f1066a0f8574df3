package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.AddressFamily;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterfaceLookupTest {
    private static final List<String> IF_INET6 = List.of(
            "fd990000000000000000000000000002 02 40 00 80     eth0",
            "fe80000000000000aaaaaaaafffe0001 02 40 20 c0     eth0",
            "fe80000000000000481822fffe4631b7 02 40 20 80     eth0",
            "  fe800000000000000000000000000009 03 40\t20 80     eth1",
            "00000000000000000000000000000001 01 80 10 80       lo");

    @Test
    void picksTheUsableLinkLocalOfTheInterface() throws Exception {
        // The first fe80 line is tentative (flag 0x40): not usable as a source yet.
        assertThat(InterfaceLookup.parseIfInet6(IF_INET6, "eth0")).contains(
                (java.net.Inet6Address) InetAddress.getByName("fe80::4818:22ff:fe46:31b7"));
        assertThat(InterfaceLookup.parseIfInet6(IF_INET6, "eth1")).contains(
                (java.net.Inet6Address) InetAddress.getByName("fe80::9"));
        assertThat(InterfaceLookup.parseIfInet6(IF_INET6, "lo")).isEmpty();
        assertThat(InterfaceLookup.parseIfInet6(IF_INET6, "eth9")).isEmpty();
    }

    @Test
    void missingSourceAddressesAreClearErrors() {
        InterfaceLookup.Facts bare = new InterfaceLookup.Facts("eth0", 2, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> bare.defaultSource(AddressFamily.IPV4))
                .isInstanceOf(IOException.class).hasMessageContaining("eth0 has no IPv4 address");
        assertThatThrownBy(() -> bare.defaultSource(AddressFamily.IPV6))
                .isInstanceOf(IOException.class).hasMessageContaining("link-local");
    }

    @Test
    void permissionErrorsNameTheCapability() {
        assertThat(Native.failure("socket(AF_INET, SOCK_RAW, 112)", Native.EPERM).getMessage())
                .contains("Operation not permitted").contains("CAP_NET_RAW");
        assertThat(Native.failure("recv", Native.EBADF).getMessage()).doesNotContain("CAP_NET_RAW");
    }
}
