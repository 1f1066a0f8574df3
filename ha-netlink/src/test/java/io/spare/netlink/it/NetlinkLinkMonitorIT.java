package io.spare.netlink.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.api.InterfaceInfo;
import io.spare.api.LinkListener;
import io.spare.api.VirtualAddress;
import io.spare.api.testing.NetworkLab;
import io.spare.netlink.NetlinkAddressBinder;
import io.spare.netlink.NetlinkLinkMonitor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetlinkLinkMonitorIT {
    private NetworkLab lab;
    private NamespaceExecutor host;
    private final NetlinkLinkMonitor monitor = new NetlinkLinkMonitor();
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() throws Exception {
        lab = NetworkLab.create();
        lab.addHost("a", "10.99.0.1/24", "10.99.0.9/24", "fd99::1/64");
        host = new NamespaceExecutor(lab.namespacePath("a"));
    }

    @AfterEach
    void tearDown() {
        monitor.close();
        if (host != null) {
            host.close();
        }
        lab.close();
    }

    @Test
    void lookupReportsWhatIpShows() throws Exception {
        InterfaceInfo info = host.call(() -> monitor.lookup("eth0")).orElseThrow();

        JsonNode link = IpJson.link(lab, "a", "eth0");
        assertThat(info.name()).isEqualTo("eth0");
        assertThat(info.index()).isEqualTo(link.path("ifindex").asInt());
        assertThat(info.mac()).isEqualTo(link.path("address").asText());
        assertThat(info.mtu()).isEqualTo(1500);
        assertThat(info.up()).isTrue();
        assertThat(info.primaryIpv4()).contains((java.net.Inet4Address) InetAddress.getByName("10.99.0.1"));
        String linkLocal = IpJson.addresses(lab, "a", "eth0").stream()
                .filter(a -> a.scope().equals("link")).findFirst().orElseThrow().local();
        assertThat(info.linkLocalIpv6()).isPresent();
        assertThat(info.linkLocalIpv6().get().getHostAddress()).startsWith(InetAddress.getByName(linkLocal).getHostAddress());
        assertThat(info.linkLocalIpv6().get().getScopeId()).isEqualTo(info.index());
    }

    @Test
    void lookupOfAMissingOrDownInterface() throws Exception {
        assertThat(host.call(() -> monitor.lookup("nosuch0"))).isEmpty();
        assertThat(host.call(() -> monitor.lookup("a-name-longer-than-15"))).isEmpty();

        lab.exec("a", "ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");

        InterfaceInfo down = host.call(() -> monitor.lookup("eth1")).orElseThrow();
        assertThat(down.up()).isFalse();
        assertThat(down.primaryIpv4()).isEmpty();
    }

    @Test
    void linkDownIsReportedWithin100MillisecondsAndOnlyOnce() throws Exception {
        host.run(() -> monitor.start(listener));

        long before = System.nanoTime();
        NetworkLab.run("ip", "-n", lab.ns("a"), "link", "set", "eth0", "down");
        Event down = listener.next(e -> e instanceof LinkChanged);
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(down.atNanos() - before);

        assertThat(down).isEqualTo(new LinkChanged("eth0", false, down.atNanos()));
        System.out.printf("link down: ip link set down -> listener in %d ms%n", latencyMillis);
        assertThat(latencyMillis).as("ip link set down -> listener, ms").isLessThan(100);

        NetworkLab.run("ip", "-n", lab.ns("a"), "link", "set", "eth0", "up");
        Event up = listener.next(e -> e instanceof LinkChanged);
        assertThat(up).isEqualTo(new LinkChanged("eth0", true, up.atNanos()));
        assertThat(listener.events).noneMatch(e -> e instanceof LinkChanged);
    }

    @Test
    void carrierLossOfThePeerIsADownLink() throws Exception {
        host.run(() -> monitor.start(listener));

        lab.setConnected("a", false);

        assertThat(listener.next(e -> e instanceof LinkChanged)).isEqualTo(new LinkChanged("eth0", false, 0));
    }

    @Test
    void addressDeletedByHandIsReported() throws Exception {
        VirtualAddress vip = VirtualAddress.of(InetAddress.getByName("10.99.0.200"), 24);
        host.run(() -> monitor.start(listener));
        host.run(() -> new NetlinkAddressBinder().add("eth0", List.of(vip)));
        assertThat(listener.next(e -> e instanceof AddressChanged))
                .isEqualTo(new AddressChanged("eth0", InetAddress.getByName("10.99.0.200"), 24, true));

        lab.exec("a", "ip", "addr", "del", "10.99.0.200/24", "dev", "eth0");

        assertThat(listener.next(e -> e instanceof AddressChanged))
                .isEqualTo(new AddressChanged("eth0", InetAddress.getByName("10.99.0.200"), 24, false));
    }

    @Test
    void ipv6AddressesFlushedByLinkDownAreReported() throws Exception {
        InetAddress vip6 = ip("fd99::1");
        host.run(() -> monitor.start(listener));

        lab.exec("a", "ip", "link", "set", "eth0", "down");

        assertThat(listener.next(e -> e instanceof AddressChanged a && a.address().equals(vip6)))
                .isEqualTo(new AddressChanged("eth0", ip("fd99::1"), 64, false));
    }

    @Test
    void closeWakesTheBlockedMonitorThread() throws Exception {
        host.run(() -> monitor.start(listener));
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("spare-link-monitor"));

        long before = System.nanoTime();
        monitor.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(1000);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("spare-link-monitor") && t.isAlive());
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    interface Event {
        default long atNanos() {
            return 0;
        }
    }

    /** Compared without the time stamp. */
    record LinkChanged(String name, boolean up, long atNanos) implements Event {
        @Override
        public boolean equals(Object other) {
            return other instanceof LinkChanged l && l.name.equals(name) && l.up == up;
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    record AddressChanged(String name, InetAddress address, int prefixLength, boolean added) implements Event {}

    static final class RecordingListener implements LinkListener {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void onLinkChanged(String interfaceName, boolean up) {
            events.add(new LinkChanged(interfaceName, up, System.nanoTime()));
        }

        @Override
        public void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength) {
            events.add(new AddressChanged(interfaceName, address, prefixLength, false));
        }

        @Override
        public void onAddressAdded(String interfaceName, InetAddress address, int prefixLength) {
            events.add(new AddressChanged(interfaceName, address, prefixLength, true));
        }

        /** The next event matching, skipping others; fails after 5 s. */
        Event next(java.util.function.Predicate<Event> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no matching link event within 5 s");
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
    }
}
