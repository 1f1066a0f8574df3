package io.spare.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnouncementPacketTest {
    /** keepalived 2.2.7's gratuitous ARP for 10.99.0.200 from 4a:18:2b:46:31:b7 (shared/testdata/vrrp/README.md). */
    private static final String KEEPALIVED_GARP =
            "ffffffffffff4a182b4631b7080600010800060400014a182b4631b70a6300c8ffffffffffff0a6300c8";
    private static final byte[] MAC = MacAddress.parse("4a:18:2b:46:31:b7");

    @Test
    void gratuitousArpIsKeepalivedsFrame() throws Exception {
        byte[] payload = ArpPacket.gratuitous(MAC, (Inet4Address) InetAddress.getByName("10.99.0.200"));

        assertThat(payload).hasSize(ArpPacket.LENGTH);
        assertThat(HexFormat.of().formatHex(ArpPacket.broadcastFrame(MAC, payload))).isEqualTo(KEEPALIVED_GARP);
    }

    @Test
    void unsolicitedNeighbourAdvertisementHasOverrideAndTargetLinkLayerAddress() throws Exception {
        byte[] na = NeighborAdvertisement.unsolicited((Inet6Address) InetAddress.getByName("fd99::200"), MAC, false);

        // RFC 4861 4.4: type 136, code 0, checksum (kernel), R=0 S=0 O=1, reserved, target,
        // option 2 (target link-layer address), length 1 (8 bytes), the MAC
        assertThat(HexFormat.of().formatHex(na)).isEqualTo(
                "88" + "00" + "0000" + "20000000"
                        + "fd990000000000000000000000000200"
                        + "02" + "01" + "4a182b4631b7");
    }

    @Test
    void aForwardingHostSetsTheRouterFlag() throws Exception {
        byte[] na = NeighborAdvertisement.unsolicited((Inet6Address) InetAddress.getByName("fd99::200"), MAC, true);

        assertThat(HexFormat.of().formatHex(na, 4, 8)).isEqualTo("a0000000");
    }

    @Test
    void theNeighbourAdvertisementGoesOutFromTheVipToAllNodesWithHopLimit255AndItsChecksum() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fd99::200");
        byte[] packet = NeighborAdvertisement.unsolicitedPacket(vip, MAC, false);

        assertThat(packet).hasSize(NeighborAdvertisement.PACKET_LENGTH);
        // version 6, class 0, flow 0; payload 32; next header ICMPv6 (58); hop limit 255; from the VIP; to ff02::1
        assertThat(HexFormat.of().formatHex(packet, 0, 40)).isEqualTo("60000000" + "0020" + "3a" + "ff"
                + "fd990000000000000000000000000200" + "ff020000000000000000000000000001");
        byte[] icmp = Arrays.copyOfRange(packet, 40, packet.length);
        assertThat(onesComplementSum(vip, (Inet6Address) InetAddress.getByName("ff02::1"), icmp)).as("checksum valid").isEqualTo(0xffff);
        icmp[2] = 0;
        icmp[3] = 0;
        assertThat(icmp).isEqualTo(NeighborAdvertisement.unsolicited(vip, MAC, false));
    }

    @Test
    void checksumFollowsRfc4443() throws Exception {
        byte[] na = NeighborAdvertisement.unsolicited((Inet6Address) InetAddress.getByName("fd99::200"), MAC, false);
        Inet6Address source = (Inet6Address) InetAddress.getByName("fe80::4818:2bff:fe46:31b7");
        Inet6Address allNodes = (Inet6Address) InetAddress.getByName("ff02::1");

        int checksum = NeighborAdvertisement.checksum(source, allNodes, na);
        na[2] = (byte) (checksum >> 8);
        na[3] = (byte) checksum;

        // a correct checksum makes the sum over pseudo-header and message come out as 0
        assertThat(NeighborAdvertisement.checksum(source, allNodes, na)).isEqualTo(checksum);
        assertThat(onesComplementSum(source, allNodes, na)).isEqualTo(0xffff);
    }

    private static int onesComplementSum(Inet6Address source, Inet6Address destination, byte[] icmp) {
        byte[] pseudo = new byte[40 + icmp.length];
        System.arraycopy(source.getAddress(), 0, pseudo, 0, 16);
        System.arraycopy(destination.getAddress(), 0, pseudo, 16, 16);
        pseudo[35] = (byte) icmp.length;
        pseudo[39] = 58;
        System.arraycopy(icmp, 0, pseudo, 40, icmp.length);
        long sum = 0;
        for (int i = 0; i < pseudo.length; i += 2) {
            sum += ((pseudo[i] & 0xff) << 8) | (pseudo[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }
}
