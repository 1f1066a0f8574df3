package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that starts before its interface has the address its adverts go out from, as at boot:
 * its instance is FAULT until the address is there, then takes part in the election.
 */
class SourceAddressArrivesLateIT {
    @TempDir
    Path work;

    @Test
    void aVrrpv3Ipv6NodeStartedWhileItsLinkLocalAddressIsTentativeBecomesMasterOnceItIsUsable() throws Exception {
        try (FailoverLab lab = FailoverLab.create(Flavor.V3_IPV6, work)) {
            NetworkLab network = lab.network();
            // five probes a second apart: the link-local address stays tentative for ~5 s after the link comes up
            network.exec("a", "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=1", "net.ipv6.conf.eth0.dad_transmits=5");
            network.exec("a", "ip", "link", "set", "eth0", "down");
            network.exec("a", "ip", "link", "set", "eth0", "up");

            SpareNode a = lab.spare(lab.spec("a", 100));
            a.start();
            awaitFault(lab, a);
            assertThat(network.exec("a", "ip", "-6", "addr", "show", "dev", "eth0", "scope", "link", "tentative"))
                    .as("the link-local address is still tentative when the instance is FAULT")
                    .contains("fe80::");
            assertThat(Files.readString(a.log())).contains("no usable IPv6 link-local address");

            // DAD ends within ~5 s; then Master_Down_Interval (0.36 s at advert_int 100ms)
            lab.awaitSoleHolder("a", Duration.ofSeconds(10));
            assertThat(Files.readString(a.log())).contains("(VI_1) VRRP channel open", "Entering MASTER STATE");
        }
    }

    @Test
    void aVrrpv2NodeStartedBeforeItsInterfaceHasAnIpv4AddressBecomesMasterOnceItHasOne() throws Exception {
        try (FailoverLab lab = FailoverLab.create(Flavor.V2_PASS, work)) {
            NetworkLab network = lab.network();
            String own = Flavor.ipv4("a") + "/24";
            network.exec("a", "ip", "addr", "del", own, "dev", "eth0"); // DHCP has not answered yet

            SpareNode a = lab.spare(lab.spec("a", 100));
            a.start();
            awaitFault(lab, a);
            assertThat(Files.readString(a.log())).contains("has no IPv4 address to send VRRP from");
            assertThat(lab.holders()).isEqualTo("nobody");

            network.exec("a", "ip", "addr", "add", own, "dev", "eth0");
            // Master_Down_Interval at advert_int 1 s, priority 100: 3.61 s
            lab.awaitSoleHolder("a", Duration.ofSeconds(10));
            assertThat(Files.readString(a.log())).contains("(VI_1) VRRP channel open", "Entering MASTER STATE");
        }
    }

    /** The instance logs its state just after "Spare started": wait for that line, not for the other. */
    private static void awaitFault(FailoverLab lab, SpareNode node) throws InterruptedException {
        lab.await(node + " enters FAULT", Duration.ofSeconds(20), () -> node.logged("(VI_1) Entering FAULT STATE"));
    }
}
