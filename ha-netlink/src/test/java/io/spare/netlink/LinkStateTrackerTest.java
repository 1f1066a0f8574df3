package io.spare.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.LinkListener;
import io.spare.netlink.codec.AddressMessage;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.NetlinkWriter;
import io.spare.netlink.codec.Rtnl;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkStateTrackerTest {
    private static final int ETH0 = 3;

    private static final int IFA_F_DADFAILED = 0x08;

    private final List<String> events = new ArrayList<>();
    private final LinkListener recorder = new LinkListener() {
        @Override
        public void onLinkChanged(String interfaceName, boolean up) {
            events.add(interfaceName + (up ? " up" : " down"));
        }

        @Override
        public void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength) {
            events.add(interfaceName + " -" + address.getHostAddress() + "/" + prefixLength);
        }

        @Override
        public void onAddressAdded(String interfaceName, InetAddress address, int prefixLength) {
            events.add(interfaceName + " +" + address.getHostAddress() + "/" + prefixLength);
        }
    };
    private final LinkStateTracker tracker = new LinkStateTracker(recorder);

    @BeforeEach
    void knowsEth0UpWithOneAddress() throws Exception {
        tracker.synchronise(List.of(LinkMessage.decode(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", true))),
                List.of(AddressMessage.decode(address(Rtnl.RTM_NEWADDR, ETH0, "10.99.0.1", 24)).orElseThrow()), false);
    }

    @Test
    void startingStateIsLearnedSilently() {
        assertThat(events).isEmpty();
    }

    @Test
    void onlyChangesOfUpAreReported() throws Exception {
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", true)); // e.g. an MTU change
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", false));
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", false));
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", true));

        assertThat(events).containsExactly("eth0 down", "eth0 up");
    }

    @Test
    void aLinkThatIsDeletedWhileUpGoesDown() throws Exception {
        tracker.onMessage(link(Rtnl.RTM_DELLINK, ETH0, "eth0", true));

        assertThat(events).containsExactly("eth0 down");
    }

    @Test
    void aNewLinkIsReportedWhenItComesUp() throws Exception {
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, 7, "vrrp.51", false));
        tracker.onMessage(link(Rtnl.RTM_NEWLINK, 7, "vrrp.51", true));

        assertThat(events).containsExactly("vrrp.51 up");
    }

    @Test
    void addressesAreReportedOnceWhenAddedAndWhenRemoved() throws Exception {
        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "10.99.0.200", 24));
        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "10.99.0.200", 24)); // flags changed, same address
        tracker.onMessage(address(Rtnl.RTM_DELADDR, ETH0, "10.99.0.200", 24));
        tracker.onMessage(address(Rtnl.RTM_DELADDR, ETH0, "10.99.0.1", 24));

        assertThat(events).containsExactly("eth0 +10.99.0.200/24", "eth0 -10.99.0.200/24", "eth0 -10.99.0.1/24");
    }

    @Test
    void anIpv6AddressUnderDuplicateAddressDetectionIsAddedWhenItBecomesUsable() throws Exception {
        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "fe80::1", 64, Rtnl.IFA_F_TENTATIVE));
        assertThat(events).isEmpty();

        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "fe80::1", 64, 0)); // DAD done
        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "fd99::9", 64, Rtnl.IFA_F_TENTATIVE | IFA_F_DADFAILED));

        assertThat(events).containsExactly("eth0 +fe80:0:0:0:0:0:0:1%3/64");
    }

    @Test
    void aTentativeAddressInTheStartingDumpIsNotThereYet() throws Exception {
        LinkStateTracker booting = new LinkStateTracker(recorder);
        booting.synchronise(List.of(LinkMessage.decode(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", true))),
                List.of(AddressMessage.decode(address(Rtnl.RTM_NEWADDR, ETH0, "fe80::1", 64, Rtnl.IFA_F_TENTATIVE)).orElseThrow()),
                false);

        booting.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "fe80::1", 64, 0));

        assertThat(events).containsExactly("eth0 +fe80:0:0:0:0:0:0:1%3/64");
    }

    @Test
    void anAddressThatTurnsTentativeAgainIsGone() throws Exception {
        tracker.onMessage(address(Rtnl.RTM_NEWADDR, ETH0, "10.99.0.1", 24, Rtnl.IFA_F_TENTATIVE));

        assertThat(events).containsExactly("eth0 -10.99.0.1/24");
    }

    @Test
    void afterLostEventsADumpReportsTheDifferences() throws Exception {
        tracker.synchronise(
                List.of(LinkMessage.decode(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", false))),
                List.of(AddressMessage.decode(address(Rtnl.RTM_NEWADDR, ETH0, "10.99.0.9", 24)).orElseThrow()),
                true);

        assertThat(events).containsExactlyInAnyOrder("eth0 down", "eth0 -10.99.0.1/24", "eth0 +10.99.0.9/24");
    }

    @Test
    void aFailingListenerDoesNotStopTheTracker() throws Exception {
        LinkStateTracker fragile = new LinkStateTracker(new LinkListener() {
            @Override
            public void onLinkChanged(String interfaceName, boolean up) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength) {
                events.add("removed " + address.getHostAddress());
            }
        });

        fragile.onMessage(link(Rtnl.RTM_NEWLINK, ETH0, "eth0", true));
        fragile.onMessage(address(Rtnl.RTM_DELADDR, ETH0, "10.99.0.1", 24));

        assertThat(events).containsExactly("removed 10.99.0.1");
    }

    private static NetlinkMessage link(int type, int index, String name, boolean up) {
        byte[] bytes = new NetlinkWriter(type, 0, 0)
                .u8(Rtnl.AF_UNSPEC).u8(0).u16(1)
                .u32(index).u32(up ? Rtnl.IFF_UP | Rtnl.IFF_RUNNING | Rtnl.IFF_LOWER_UP : 0).u32(0)
                .attributeString(Rtnl.IFLA_IFNAME, name)
                .attribute(Rtnl.IFLA_OPERSTATE, new byte[] {(byte) (up ? Rtnl.IF_OPER_UP : 2)})
                .finish();
        return NetlinkMessage.parse(bytes).get(0);
    }

    private static NetlinkMessage address(int type, int index, String address, int prefixLength) throws Exception {
        return address(type, index, address, prefixLength, 0);
    }

    private static NetlinkMessage address(int type, int index, String address, int prefixLength, int flags) throws Exception {
        byte[] raw = InetAddress.getByName(address).getAddress();
        byte[] bytes = new NetlinkWriter(type, 0, 0)
                .u8(raw.length == 4 ? Rtnl.AF_INET : Rtnl.AF_INET6).u8(prefixLength).u8(flags).u8(0).u32(index)
                .attribute(Rtnl.IFA_LOCAL, raw).attribute(Rtnl.IFA_ADDRESS, raw)
                .finish();
        assertThat(AddressMessage.decode(NetlinkMessage.parse(bytes).get(0)).map(AddressMessage::label)).contains(Optional.empty());
        return NetlinkMessage.parse(bytes).get(0);
    }
}
