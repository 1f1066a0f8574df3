package io.spare.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RtnlDecodeTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden captures are from a little-endian host");
    }

    @Test
    void linkReplyGivesIndexNameMacMtuAndState() {
        List<NetlinkMessage> messages = NetlinkMessage.parse(Golden.bytes("getlink-eth0.reply"));

        assertThat(messages).hasSize(1);
        LinkMessage link = LinkMessage.decode(messages.get(0));
        assertThat(link.index()).isEqualTo(3);
        assertThat(link.name()).isEqualTo("eth0");
        assertThat(link.macText()).isEqualTo("4a:18:2b:46:31:b7");
        assertThat(link.mtu()).isEqualTo(1500);
        assertThat(link.operState()).isEqualTo(Rtnl.IF_OPER_UP);
        assertThat(link.flags() & Rtnl.IFF_UP).isNotZero();
        assertThat(link.up()).isTrue();
        assertThat(link.kind()).contains("veth");
        // IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF: net.ipv4.conf.eth0.*, 33 values on kernel 6.18
        assertThat(link.inetConf()).hasSize(33);
        assertThat(link.inetConf(Rtnl.IPV4_DEVCONF_ARP_IGNORE)).hasValue(0);
        assertThat(link.inetConf(Rtnl.IPV4_DEVCONF_ARPFILTER)).hasValue(0);
        assertThat(link.inetConf(0)).isEmpty();
        assertThat(link.inetConf(34)).isEmpty();
    }

    @Test
    void linkIsDownWhenAdminUpButWithoutCarrier() {
        LinkMessage link = new LinkMessage(3, Rtnl.IFF_UP, "eth0", Optional.empty(), 1500, 7 /* LOWERLAYERDOWN */, Optional.empty(), List.of());
        LinkMessage adminDown = new LinkMessage(3, 0, "eth0", Optional.empty(), 1500, Rtnl.IF_OPER_UP, Optional.empty(), List.of());
        LinkMessage noCarrierReporting = new LinkMessage(1, Rtnl.IFF_UP, "lo", Optional.empty(), 65536, Rtnl.IF_OPER_UNKNOWN, Optional.empty(), List.of());

        assertThat(link.up()).isFalse();
        assertThat(adminDown.up()).isFalse();
        assertThat(noCarrierReporting.up()).isTrue();
    }

    @Test
    void aRouteLookupAnswerSaysWhetherTheAddressIsLocal() {
        NetlinkMessage local = NetlinkMessage.parse(Golden.bytes("getroute-v6-local.reply")).get(0);
        NetlinkMessage viaPrefix = NetlinkMessage.parse(Golden.bytes("getroute-v6-unicast.reply")).get(0);
        NetlinkMessage error = NetlinkMessage.parse(Golden.bytes("newaddr-eexist.reply")).get(0);

        assertThat(RouteMessage.isLocal(local)).isTrue();
        assertThat(RouteMessage.isLocal(viaPrefix)).isFalse();
        assertThat(RouteMessage.isLocal(error)).isFalse();
    }

    @Test
    void aTruncatedRouteAnswerIsMalformedNotLocal() {
        NetlinkMessage cut = new NetlinkMessage(Rtnl.RTM_NEWROUTE, 0, 1, 0, java.nio.ByteBuffer.wrap(new byte[] {10, (byte) 128, 0, 0}));

        assertThatThrownBy(() -> RouteMessage.isLocal(cut)).isInstanceOf(MalformedNetlinkException.class).hasMessageContaining("rtmsg of 4 bytes");
    }

    @Test
    void addressReplyGivesAddressPrefixLabelAndFlags() throws Exception {
        List<NetlinkMessage> messages = NetlinkMessage.parse(Golden.bytes("getaddr-v4.reply"));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).type()).isEqualTo(Rtnl.RTM_NEWADDR);
        assertThat(messages.get(0).flags() & Rtnl.NLM_F_MULTI).isNotZero();
        AddressMessage address = AddressMessage.decode(messages.get(0)).orElseThrow();
        assertThat(address.address()).isEqualTo(InetAddress.getByName("10.99.0.2"));
        assertThat(address.prefixLength()).isEqualTo(24);
        assertThat(address.index()).isEqualTo(3);
        assertThat(address.label()).contains("eth0");
        assertThat(address.flags() & Rtnl.IFA_F_PERMANENT).isNotZero();
        assertThat(address.secondary()).isFalse();
        assertThat(address.scope()).isZero();
    }

    @Test
    void dumpEndsWithDone() {
        List<NetlinkMessage> messages = NetlinkMessage.parse(Golden.bytes("getaddr-done.reply"));

        assertThat(messages).singleElement().extracting(NetlinkMessage::type).isEqualTo(Rtnl.NLMSG_DONE);
    }

    @Test
    void existingAddressAckCarriesEexistAndTheKernelText() {
        byte[] datagram = Golden.bytes("newaddr-eexist.reply");
        NetlinkMessage message = NetlinkMessage.parse(datagram).get(0);

        NetlinkAck ack = NetlinkAck.decode(message);

        assertThat(ack.ok()).isFalse();
        assertThat(ack.errno()).isEqualTo(17);
        assertThat(ack.seq()).isEqualTo(Golden.seq(datagram));
        assertThat(ack.requestType()).isEqualTo(Rtnl.RTM_NEWADDR);
        assertThat(ack.kernelMessage()).contains("ipv4: Address already assigned");
    }

    @Test
    void cappedAckIsReadToo() {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -99, echoed header only (NETLINK_CAP_ACK), then NLMSGERR_ATTR_MSG "gone"
        byte[] ack = new NetlinkWriter(Rtnl.NLMSG_ERROR, Rtnl.NLM_F_CAPPED | Rtnl.NLM_F_ACK_TLVS, 9)
                .u32(-99)
                .u32(40).u16(Rtnl.RTM_DELADDR).u16(5).u32(1234).u32(0)
                .attributeString(Rtnl.NLMSGERR_ATTR_MSG, "gone")
                .finish();

        NetlinkAck decoded = NetlinkAck.decode(NetlinkMessage.parse(ack).get(0));

        assertThat(decoded).isEqualTo(new NetlinkAck(99, 1234, Rtnl.RTM_DELADDR, Optional.of("gone")));
    }

    @Test
    void severalMessagesInOneDatagramAreSplit() {
        byte[] first = RtnlRequests.setLinkUp(1, 4);
        byte[] second = RtnlRequests.deleteLink(2, 4);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        List<NetlinkMessage> messages = NetlinkMessage.parse(both);

        assertThat(messages).extracting(NetlinkMessage::seq).containsExactly(1, 2);
        assertThat(messages).extracting(NetlinkMessage::type).containsExactly(Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK);
    }

    @Test
    void truncatedDatagramIsRejected() {
        byte[] reply = Golden.bytes("getaddr-v4.reply");

        assertThatThrownBy(() -> NetlinkMessage.parse(Arrays.copyOf(reply, reply.length - 4)))
                .isInstanceOf(MalformedNetlinkException.class)
                .hasMessageContaining("claims 80 bytes");
    }

    @Test
    void attributeRunningPastItsMessageIsRejected() {
        byte[] reply = Golden.bytes("getaddr-v4.reply");
        reply[24] = 0x7f; // first attribute's length

        NetlinkMessage message = NetlinkMessage.parse(reply).get(0);

        assertThatThrownBy(() -> AddressMessage.decode(message)).isInstanceOf(MalformedNetlinkException.class);
    }

    @Test
    void addressOfTheWrongLengthIsRejected() {
        byte[] bogus = new NetlinkWriter(Rtnl.RTM_NEWADDR, 0, 1)
                .u8(Rtnl.AF_INET).u8(24).u8(0).u8(0).u32(3)
                .attribute(Rtnl.IFA_LOCAL, new byte[16])
                .finish();

        assertThatThrownBy(() -> AddressMessage.decode(NetlinkMessage.parse(bogus).get(0)))
                .isInstanceOf(MalformedNetlinkException.class)
                .hasMessageContaining("16 bytes for family 2");
    }

    @Test
    void otherFamiliesAreSkipped() {
        byte[] mpls = new NetlinkWriter(Rtnl.RTM_NEWADDR, 0, 1).u8(28).u8(0).u8(0).u8(0).u32(3).finish();

        assertThat(AddressMessage.decode(NetlinkMessage.parse(mpls).get(0))).isEmpty();
    }

    @Test
    void ipv6LinkLocalCarriesItsInterface() {
        byte[] linkLocal = new NetlinkWriter(Rtnl.RTM_NEWADDR, 0, 1)
                .u8(Rtnl.AF_INET6).u8(64).u8(0x80).u8(253).u32(3)
                .attribute(Rtnl.IFA_ADDRESS, new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0x48, 0x18, 0x2b, (byte) 0xff, (byte) 0xfe, 0x46, 0x31, (byte) 0xb7})
                .finish();

        AddressMessage decoded = AddressMessage.decode(NetlinkMessage.parse(linkLocal).get(0)).orElseThrow();

        assertThat(decoded.address().getHostAddress()).isEqualTo("fe80:0:0:0:4818:2bff:fe46:31b7%3");
    }
}
