package io.spare.engine.runtime;

import static io.spare.engine.testing.TestingConfigs.check;
import static io.spare.engine.testing.TestingConfigs.config;
import static io.spare.engine.testing.TestingConfigs.global;
import static io.spare.engine.testing.TestingConfigs.instance;
import static io.spare.engine.testing.TestingConfigs.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.AddressBinder;
import io.spare.api.AdvertListener;
import io.spare.api.AdvertTransport;
import io.spare.api.ChannelSpec;
import io.spare.api.StateTransition;
import io.spare.api.VrrpChannel;
import io.spare.api.VrrpState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.loop.ThreadEventLoop;
import io.spare.engine.notify.NotifierRoute;
import io.spare.engine.testing.RecordingNotifier;
import io.spare.engine.testing.TestingAddressBinder;
import io.spare.engine.testing.TestingCheck;
import io.spare.engine.testing.TestingCluster;
import io.spare.engine.testing.TestingCluster.Node;
import io.spare.engine.testing.TestingLinkMonitor;
import io.spare.engine.testing.TestingNetwork;
import io.spare.engine.testing.TestingEventLoop;
import io.spare.api.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final TestingCluster cluster = new TestingCluster();
    private ExecutorService pool;

    @AfterEach
    void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void aHungNotifierDelaysNeitherTheLoopNorOtherNotifiers() throws Exception {
        pool = Executors.newCachedThreadPool();
        EngineExecutors executors = new EngineExecutors(Runnable::run, Runnable::run, pool,
                TestingCluster.inlineExecutors().notifyWatchdog(), List.of());
        RecordingNotifier hung = new RecordingNotifier(Duration.ofSeconds(60)).hang();
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1").build()),
                Map.of(), executors, List.of(new NotifierRoute("hung", hung, Set.of())));
        cluster.startAll();
        long master = cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.MASTER, LIMIT);
        assertThat(master).isEqualTo(3_609_375_000L);
        a.notifier().awaitCount(2, Duration.ofSeconds(10));
        assertThat(a.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.MASTER);
        hung.awaitCount(1, Duration.ofSeconds(10));
        assertThat(hung.transitions()).hasSize(1); // stuck in the first; the second waits behind it
        assertThat(a.engine().status().notifiers()).extracting(n -> n.name() + ":" + n.queued())
                .containsExactly("recording:0", "hung:1");
    }

    @Test
    void notificationsCarryTheInstanceItsVipsPriorityAndReason() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1/24").build()));
        cluster.startAll();
        cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.MASTER, LIMIT);
        StateTransition t = a.notifier().transitions().get(1);
        assertThat(t.scope()).isEqualTo(StateTransition.Scope.INSTANCE);
        assertThat(t.name()).isEqualTo("VI_1");
        assertThat(t.from()).isEqualTo(VrrpState.BACKUP);
        assertThat(t.to()).isEqualTo(VrrpState.MASTER);
        assertThat(t.priority()).isEqualTo(100);
        assertThat(t.virtualAddresses()).extracting(v -> v.cidr()).containsExactly("10.99.1.1/24");
        assertThat(t.reason()).isEqualTo("master down timer expired");
        assertThat(t.group()).isEmpty();
    }

    @Test
    void statusShowsStateMasterAndCounters() {
        TestingCheck chk = new TestingCheck();
        Node a = cluster.node("a", "10.99.0.1", config(global(), List.of(check("chk", Duration.ofSeconds(2), 5)),
                List.of(instance("VI_1").priority(200).vip("10.99.1.1").track("chk").build()), List.of()),
                Map.of("chk", chk));
        Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        cluster.advance(Duration.ofSeconds(10));
        InstanceStatus master = a.status("VI_1");
        assertThat(master.state()).isEqualTo(VrrpState.MASTER);
        assertThat(master.basePriority()).isEqualTo(200);
        assertThat(master.effectivePriority()).isEqualTo(205);
        assertThat(master.holdsAddresses()).isTrue();
        InstanceStatus backup = b.status("VI_1");
        assertThat(backup.masterAddress()).contains(ip("10.99.0.1"));
        assertThat(backup.masterPriority()).isEqualTo(205);
        assertThat(backup.counters()).containsEntry("adverts_received", master.counters().get("adverts_sent"));
        assertThat(a.engine().status().check("chk").runs()).isEqualTo(6);
    }

    @Test
    void aTrackScriptWithoutACheckIsACleanError() {
        assertThatThrownBy(() -> cluster.node("a", "10.99.0.1",
                config(instance("VI_1").priority(100).track("chk_missing").build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instances.VI_1.track_script: no check chk_missing");
    }

    @Test
    void aChannelThatCannotOpenIsFaultAndIsRetriedWhenTheLinkComesUp() {
        TestingEventLoop loop = cluster.loop();
        AtomicInteger attempts = new AtomicInteger();
        TestingNetwork network = cluster.network();
        AdvertTransport real = network.transport("a", ip("10.99.0.1"));
        AdvertTransport failingOnce = new AdvertTransport() {
            @Override
            public VrrpChannel open(ChannelSpec spec, AdvertListener listener) throws IOException {
                if (attempts.incrementAndGet() == 1) {
                    throw new IOException("eth0: no such device");
                }
                return real.open(spec, listener);
            }

            @Override
            public void close() {}
        };
        TestingLinkMonitor links = new TestingLinkMonitor();
        AddressBinder binder = new TestingAddressBinder("a", loop.ticker(), cluster.ledger());
        RecordingNotifier notifier = new RecordingNotifier();
        Engine engine = new Engine(config(instance("VI_1").priority(100).vip("10.99.1.1").build()),
                new EnginePorts(failingOnce, binder, links, Map.of(), List.of(new NotifierRoute("r", notifier, Set.of()))),
                loop, TestingCluster.inlineExecutors(), Clock.systemUTC());
        engine.start();
        loop.advance(Duration.ZERO);
        InstanceStatus status = engine.status().instance("VI_1");
        assertThat(status.state()).isEqualTo(VrrpState.FAULT);
        assertThat(status.conditions()).containsExactly("fault: channel on eth0: eth0: no such device");

        links.setLink("eth0", false);
        links.setLink("eth0", true);
        long up = loop.nanos();
        long master = loop.advanceUntil(() -> engine.status().instance("VI_1").state() == VrrpState.MASTER, LIMIT);
        assertThat(master - up).isEqualTo(3_609_375_000L);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aChannelWaitingForItsSourceAddressOpensWhenAnAddressArrivesOnItsInterface() throws Exception {
        TestingEventLoop loop = cluster.loop();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean linkLocalUsable = new AtomicBoolean();
        AdvertTransport real = cluster.network().transport("a", ip("10.99.0.1"));
        AdvertTransport waitingForDad = new AdvertTransport() {
            @Override
            public VrrpChannel open(ChannelSpec spec, AdvertListener listener) throws IOException {
                attempts.incrementAndGet();
                if (!linkLocalUsable.get()) {
                    throw new IOException("interface eth0 has no usable IPv6 link-local address to send VRRPv3 from");
                }
                return real.open(spec, listener);
            }

            @Override
            public void close() {}
        };
        TestingLinkMonitor links = new TestingLinkMonitor();
        Engine engine = new Engine(config(instance("VI_1").version(3).priority(100).vip("fd99::100").build()),
                new EnginePorts(waitingForDad, new TestingAddressBinder("a", loop.ticker(), cluster.ledger()), links,
                        Map.of(), List.of()),
                loop, TestingCluster.inlineExecutors(), Clock.systemUTC());
        engine.start();
        loop.advance(Duration.ZERO);
        assertThat(engine.status().instance("VI_1").state()).isEqualTo(VrrpState.FAULT);

        links.addAddress("eth1", ip("fe80::2"), 64); // another interface: no retry
        links.addAddress("eth0", ip("10.99.0.9"), 24); // another family: no retry
        loop.advance(Duration.ofSeconds(1));
        assertThat(attempts.get()).isEqualTo(1);

        linkLocalUsable.set(true); // duplicate address detection is over
        links.addAddress("eth0", ip("fe80::1"), 64);
        long usable = loop.nanos();
        long master = loop.advanceUntil(() -> engine.status().instance("VI_1").state() == VrrpState.MASTER, LIMIT);
        assertThat(master - usable).isEqualTo(3_609_375_000L);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(engine.status().instance("VI_1").conditions()).isEmpty();
    }

    @Test
    void aBurstOfAddressesRetriesAFailedChannelOnceMoreNotOncePerAddress() throws Exception {
        TestingEventLoop loop = cluster.loop();
        AtomicInteger attempts = new AtomicInteger();
        AdvertTransport neverOpens = new AdvertTransport() {
            @Override
            public VrrpChannel open(ChannelSpec spec, AdvertListener listener) throws IOException {
                attempts.incrementAndGet();
                throw new IOException("interface eth0 has no IPv4 address to send VRRP from");
            }

            @Override
            public void close() {}
        };
        TestingLinkMonitor links = new TestingLinkMonitor();
        Engine engine = new Engine(config(instance("VI_1").priority(100).vip("10.99.1.1").build()),
                new EnginePorts(neverOpens, new TestingAddressBinder("a", loop.ticker(), cluster.ledger()), links,
                        Map.of(), List.of()),
                loop, TestingCluster.inlineExecutors(), Clock.systemUTC());
        engine.start();
        loop.advance(Duration.ZERO);
        assertThat(attempts.get()).isEqualTo(1);

        links.addAddress("eth0", ip("fd99::1"), 64); // another family: no use to an IPv4 channel
        loop.advance(Duration.ZERO);
        assertThat(attempts.get()).isEqualTo(1);

        // another instance's MASTER adds 100 VIPs on the interface: one try, and one more for
        // the events that came while it ran, not a hundred
        for (int i = 0; i < 100; i++) {
            links.addAddress("eth0", ip("10.99.2." + (i + 1)), 24);
        }
        loop.advance(Duration.ofSeconds(1));
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(engine.status().instance("VI_1").state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void stopNotifiesStopForEveryInstance() {
        Node a = cluster.node("a", "10.99.0.1", config(
                instance("VI_1").vrid(1).priority(100).vip("10.99.1.1").build(),
                instance("VI_2").vrid(2).priority(100).vip("10.99.2.1").build()));
        cluster.startAll();
        cluster.advance(Duration.ofSeconds(1));
        a.engine().beginStop();
        cluster.loop().runPending();
        assertThat(a.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.STOP);
        assertThat(a.notifier().states("VI_2")).containsExactly(VrrpState.BACKUP, VrrpState.STOP);
        cluster.advance(Duration.ofSeconds(10));
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.STOP);
        assertThat(cluster.network().sent("a")).isEmpty();
    }

    @Test
    void statusFromAnotherThreadIsTakenInSlicesSoThatOtherWorkRunsBetweenThem() throws Exception {
        List<InstanceConfig> many = new ArrayList<>();
        for (int v = 1; v <= 250; v++) {
            many.add(instance("VI_" + v).vrid(v).priority(100).vip("10.99.1." + v).build());
        }
        Node a = cluster.node("a", "10.99.0.1", config(many.toArray(InstanceConfig[]::new)));
        cluster.startAll();
        cluster.loop().advanceUntil(() -> a.state("VI_250") == VrrpState.MASTER, LIMIT);

        pool = Executors.newSingleThreadExecutor();
        Future<EngineStatus> status = pool.submit(() -> a.engine().status());
        TestingEventLoop loop = cluster.loop();
        Duration wait = Duration.ofSeconds(10);
        loop.awaitTask(wait); // the first slice of 100, which posts the second
        AtomicBoolean doneWhenOtherWorkRan = new AtomicBoolean(true);
        loop.execute(() -> doneWhenOtherWorkRan.set(status.isDone()));
        loop.awaitTask(wait); // the second slice, which posts the third behind the work above
        loop.awaitTask(wait); // the other work
        loop.awaitTask(wait); // the last 50
        assertThat(doneWhenOtherWorkRan).as("work posted during the snapshot ran before it ended").isFalse();
        status.get(10, TimeUnit.SECONDS);
        assertThat(status.get().instances()).hasSize(250);
        assertThat(status.get().instances().get(249).name()).isEqualTo("VI_250");
        assertThat(status.get().instances()).allMatch(i -> i.state() == VrrpState.MASTER);
    }

    @Test
    void onAThreadLoopStartAndBlockingStopWork() throws Exception {
        ThreadEventLoop loop = new ThreadEventLoop("test-loop", Ticker.system()).start();
        try {
            TestingLinkMonitor links = new TestingLinkMonitor();
            RecordingNotifier notifier = new RecordingNotifier();
            RecordingBinder binder = new RecordingBinder();
            LoopbackTransport transport = new LoopbackTransport();
            Engine engine = new Engine(
                    config(instance("VI_1").version(3).advertInt(Duration.ofMillis(10)).priority(100).vip("10.99.1.1").build()),
                    new EnginePorts(transport, binder, links, Map.of(), List.of(new NotifierRoute("r", notifier, Set.of()))),
                    loop, Runnable::run, Clock.systemUTC());
            engine.start();
            notifier.awaitCount(2, Duration.ofSeconds(10));
            assertThat(engine.status().instance("VI_1").state()).isEqualTo(VrrpState.MASTER);
            engine.stop();
            assertThat(engine.status().instance("VI_1").state()).isEqualTo(VrrpState.STOP);
            // Once at startup (whatever a crashed run left behind), once when stopping.
            assertThat(binder.removed.get()).isEqualTo(2);
            assertThat(transport.lastPriority).isZero();
            engine.close();
        } finally {
            loop.close();
        }
    }

    @Test
    void useVmacPutsTheVipsOnTheVirtualMacInterfaceAndRemovesItAtStop() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1/24")
                .vip(new io.spare.api.VirtualAddress(ip("10.99.3.1"), 24, java.util.Optional.of("eth1"),
                        java.util.Optional.empty(), io.spare.api.AddressScope.GLOBAL))
                .useVmac().build()));
        cluster.startAll();
        assertThat(a.binder().vmacs()).containsExactly("vrrp.51");
        cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.MASTER, LIMIT);
        assertThat(cluster.ledger().events("a", TestingAddressBinder.Kind.ADD))
                .extracting(TestingAddressBinder.Event::device).containsExactly("vrrp.51", "eth1");
        var done = a.engine().beginStop();
        cluster.loop().advanceUntil(done::isDone, LIMIT);
        assertThat(a.binder().vmacs()).isEmpty();
        assertThat(a.binder().holds(ip("10.99.1.1"))).isFalse();
    }

    @Test
    void aVmacThatCannotBeCreatedIsAFault() {
        Node a = cluster.node("a", "10.99.0.1",
                config(instance("VI_1").priority(100).vip("10.99.1.1/24").useVmac("vip0").build()));
        a.binder().failVmacCreation("Operation not permitted");
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(a.status("VI_1").conditions()).containsExactly("fault: vmac vip0: Operation not permitted");
    }

    /** Counts binder calls from the address worker thread. */
    private static final class RecordingBinder implements AddressBinder {
        final AtomicInteger removed = new AtomicInteger();

        @Override
        public void add(String interfaceName, List<io.spare.api.VirtualAddress> addresses) {}

        @Override
        public void remove(String interfaceName, List<io.spare.api.VirtualAddress> addresses) {
            removed.incrementAndGet();
        }

        @Override
        public void announce(String interfaceName, List<io.spare.api.VirtualAddress> addresses, int repeat) {}

        @Override
        public void close() {}
    }

    /** A transport nobody else listens on. */
    private static final class LoopbackTransport implements AdvertTransport {
        volatile int lastPriority = -1;

        @Override
        public VrrpChannel open(ChannelSpec spec, AdvertListener listener) {
            return new VrrpChannel() {
                @Override
                public java.net.InetAddress sourceAddress() {
                    return ip("10.99.0.1");
                }

                @Override
                public void send(io.spare.api.Advertisement advertisement) {
                    lastPriority = advertisement.priority();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }
}
