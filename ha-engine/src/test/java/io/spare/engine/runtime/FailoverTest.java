package io.spare.engine.runtime;

import static io.spare.engine.testing.TestingConfigs.config;
import static io.spare.engine.testing.TestingConfigs.instance;
import static io.spare.engine.testing.TestingConfigs.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.VrrpState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.testing.TestingAddressBinder;
import io.spare.engine.testing.TestingCluster;
import io.spare.engine.testing.TestingCluster.Node;
import io.spare.engine.testing.TestingConfigs.InstanceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Preemption, ties, split brain and convergence between engines on one in-memory segment. */
class FailoverTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final long A_MASTER_AT = 3_609_375_000L; // priority 100 alone
    private static final long SKEW_200 = 218_750_000L;
    private final TestingCluster cluster = new TestingCluster();

    private static InstanceBuilder vi(int priority) {
        return instance("VI_1").priority(priority).vip("10.99.1.1/24");
    }

    private Node node(String name, String address, InstanceConfig instance) {
        return cluster.node(name, address, config(instance));
    }

    private long until(Node node, VrrpState state) {
        return cluster.loop().advanceUntil(() -> node.state("VI_1") == state, LIMIT);
    }

    /** Both start cut off from each other and become MASTER. */
    private void splitBrain(Node a, Node b) {
        cluster.network().partition(List.of(a.name()));
        cluster.startAll();
        until(a, VrrpState.MASTER);
        until(b, VrrpState.MASTER);
    }

    /** a (priority 100) is master alone; b (given) starts at 10 s. */
    private Node masterThenJoin(InstanceConfig joiner) {
        Node a = node("a", "10.99.0.1", vi(100).build());
        a.engine().start();
        assertThat(until(a, VrrpState.MASTER)).isEqualTo(A_MASTER_AT);
        cluster.loop().advanceTo(10_000_000_000L);
        Node b = node("b", "10.99.0.2", joiner);
        b.engine().start();
        cluster.loop().runPending();
        return b;
    }

    @Test
    void aHigherPriorityPreemptsAfterItsDownTimerAndTheOldMasterHandsOver() {
        Node b = masterThenJoin(vi(200).build());
        Node a = cluster.nodes().get(0);

        long takeover = until(b, VrrpState.MASTER);
        // b discards a's lower adverts without restarting its timer: 10 s + 3 × 1 s + 56/256 s
        assertThat(takeover).isEqualTo(10_000_000_000L + 3_000_000_000L + SKEW_200);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(b.status("VI_1").counters().get("lower_priority_discarded")).isEqualTo(3L);

        // handover: a keeps the VIP for the grace after hearing b, then releases; the VIP is never unheld
        long released = cluster.loop().advanceUntil(() -> !a.binder().holds(ip("10.99.1.1")), LIMIT);
        assertThat(released).isEqualTo(takeover + 100_000_000L);
        assertThat(a.binder().ledger().everUnheldAfterFirstAdd(ip("10.99.1.1"), cluster.now())).isFalse();
        assertThat(b.binder().holds(ip("10.99.1.1"))).isTrue();
        assertThat(a.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.BACKUP);
        assertThat(a.status("VI_1").masterAddress()).contains(ip("10.99.0.2"));
    }

    @Test
    void nopreemptKeepsTheLowerPriorityMaster() {
        Node b = masterThenJoin(vi(200).nopreempt().build());
        cluster.advance(Duration.ofSeconds(30));
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(cluster.nodes().get(0).state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(b.status("VI_1").masterPriority()).isEqualTo(100);
    }

    @Test
    void preemptDelayWaitsBeforePreempting() {
        Node b = masterThenJoin(vi(200).preemptDelay(Duration.ofSeconds(10)).build());
        // a's adverts come at 3.609375 + k s. The first one b hears (10.609375 s) starts the delay;
        // adverts are accepted until 20.609375 s, that one is discarded, and the down timer started
        // by the 19.609375 s advert expires 3.21875 s later.
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(19_609_375_000L + 3_000_000_000L + SKEW_200);
    }

    @Test
    void preemptFastTakesOverAfterSkewOnHearingALowerPriority() {
        Node b = masterThenJoin(vi(200).preemptFast().build());
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(10_609_375_000L + SKEW_200);
    }

    @Test
    void aPartitionGivesTwoMastersAndHealingConvergesWithinOneAdvertInterval() {
        Node a = node("a", "10.99.0.1", vi(200).build());
        Node b = node("b", "10.99.0.2", vi(100).build());
        splitBrain(a, b);
        cluster.advance(Duration.ofSeconds(2));
        assertThat(a.binder().holds(ip("10.99.1.1"))).isTrue();
        assertThat(b.binder().holds(ip("10.99.1.1"))).isTrue();

        long healed = cluster.now();
        cluster.network().heal();
        long converged = until(b, VrrpState.BACKUP);
        assertThat(converged - healed).isLessThanOrEqualTo(1_000_000_000L);
        cluster.advance(Duration.ofSeconds(5));
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(cluster.ledger().holders(ip("10.99.1.1"))).containsExactly("a");
    }

    @Test
    void aMasterHearingALowerPriorityReadvertisesAndReannouncesAtOnce() {
        Node a = node("a", "10.99.0.1", vi(200).build());
        Node b = node("b", "10.99.0.2", vi(100).build());
        splitBrain(a, b);
        // a advertises at 3.21875 + k s, b at 3.609375 + k s: heal between them so b speaks first
        cluster.loop().advanceTo(4_300_000_000L);
        cluster.network().heal();
        cluster.network().clearSent();
        long heard = until(b, VrrpState.BACKUP);
        assertThat(heard).isEqualTo(4_609_375_000L);

        // b's advert (priority 100) reached a, which answered at the same instant
        List<Long> bSends = cluster.network().sendTimes("b", 100);
        assertThat(bSends).containsExactly(heard);
        assertThat(cluster.network().sendTimes("a", 200)).first().isEqualTo(heard);
        assertThat(a.binder().announcements()).filteredOn(e -> e.at() == heard)
                .singleElement()
                .satisfies(e -> assertThat(e.repeat()).isEqualTo(5)); // garp_lower_prio_repeat
        assertThat(a.status("VI_1").counters().get("lower_priority_heard_as_master")).isEqualTo(1L);
    }

    @Test
    void equalPrioritiesBreakTheTieOnTheHigherSourceAddress() {
        Node a = node("a", "10.99.0.1", vi(100).build());
        Node b = node("b", "10.99.0.2", vi(100).build());
        splitBrain(a, b);
        cluster.network().heal();
        cluster.advance(Duration.ofSeconds(3));
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(a.notifier().transitions("VI_1")).last()
                .satisfies(t -> assertThat(t.reason()).contains("equal priority, higher address"));
    }

    @Test
    void threeNodesConvergeToTheHighestPriority() {
        Node a = node("a", "10.99.0.1", vi(100).build());
        Node b = node("b", "10.99.0.2", vi(150).build());
        Node c = node("c", "10.99.0.3", vi(200).build());
        cluster.startAll();
        assertThat(until(c, VrrpState.MASTER)).isEqualTo(3_000_000_000L + SKEW_200);
        cluster.advance(Duration.ofSeconds(20));
        assertThat(List.of(a.state("VI_1"), b.state("VI_1"), c.state("VI_1")))
                .containsExactly(VrrpState.BACKUP, VrrpState.BACKUP, VrrpState.MASTER);
        assertThat(cluster.ledger().holders(ip("10.99.1.1"))).containsExactly("c");
        assertThat(a.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP);

        // c dies: b (150) is next, after its own Master_Down_Interval from c's last advert
        long lastC = cluster.network().sendTimes("c", 200).get(cluster.network().sendTimes("c", 200).size() - 1);
        cluster.network().isolate("c");
        long bMaster = until(b, VrrpState.MASTER);
        assertThat(bMaster - lastC).isEqualTo(3_000_000_000L + (256 - 150) * 1_000_000_000L / 256 / 1000 * 1000);
        cluster.advance(Duration.ofSeconds(10));
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aV3BackupAdoptsTheMastersIntervalAndRevertsWhenMaster() {
        Node a = node("a", "10.99.0.1", vi(200).version(3).advertInt(Duration.ofMillis(500)).build());
        Node b = node("b", "10.99.0.2", vi(100).version(3).build());
        cluster.startAll();
        until(a, VrrpState.MASTER);
        cluster.advance(Duration.ofSeconds(3));
        assertThat(b.status("VI_1").masterAdverInterval()).isEqualTo(Duration.ofMillis(500));

        List<Long> aSends = cluster.network().sendTimes("a", 200);
        long lastA = aSends.get(aSends.size() - 1);
        cluster.network().isolate("a");
        long bMaster = until(b, VrrpState.MASTER);
        // 3 × 500 ms + 156 × 50 cs × 625 / 16 µs (= 304 687 µs, truncated)
        assertThat(bMaster - lastA).isEqualTo(1_500_000_000L + 304_687_000L);
        assertThat(b.status("VI_1").masterAdverInterval()).isEqualTo(Duration.ofSeconds(1));
        cluster.advance(Duration.ofSeconds(2));
        assertThat(cluster.network().sendTimes("b", 100)).containsExactly(bMaster, bMaster + 1_000_000_000L,
                bMaster + 2_000_000_000L);
    }

    @Test
    void aVipRemovedBySomeoneElseIsAddedBack() {
        Node a = node("a", "10.99.0.1", vi(100).build());
        cluster.startAll();
        until(a, VrrpState.MASTER);
        cluster.advance(Duration.ofSeconds(1));
        long at = cluster.now();
        a.binder().removeBySomeoneElse("eth0", io.spare.engine.testing.TestingConfigs.vip("10.99.1.1/24"));
        a.links().removeAddress("eth0", ip("10.99.1.1"), 24);
        cluster.loop().runPending();
        assertThat(a.binder().holds(ip("10.99.1.1"))).isTrue();
        assertThat(cluster.ledger().events("a", TestingAddressBinder.Kind.ADD)).last()
                .satisfies(e -> assertThat(e.at()).isEqualTo(at));
        assertThat(a.status("VI_1").counters().get("vips_restored")).isEqualTo(1L);
    }

    @Test
    void ourOwnReleaseIsNotMistakenForSomeoneElsesRemoval() {
        Node b = masterThenJoin(vi(200).build());
        Node a = cluster.nodes().get(0);
        until(b, VrrpState.MASTER);
        cluster.loop().advanceUntil(() -> !a.binder().holds(ip("10.99.1.1")), LIMIT);
        a.links().removeAddress("eth0", ip("10.99.1.1"), 24);
        cluster.advance(Duration.ofSeconds(1));
        assertThat(a.binder().holds(ip("10.99.1.1"))).isFalse();
    }

    @Test
    void theSecondGarpBurstIsRestartedOnEachTakeoverAndCancelledOnLeavingMaster() {
        Node a = node("a", "10.99.0.1", vi(100).build());
        cluster.startAll();
        long first = until(a, VrrpState.MASTER);
        cluster.advance(Duration.ofSeconds(2));
        a.links().setLink("eth0", false);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        cluster.advance(Duration.ofSeconds(1));
        a.links().setLink("eth0", true);
        long second = until(a, VrrpState.MASTER);
        assertThat(second).isEqualTo(first + 3_000_000_000L + A_MASTER_AT);
        cluster.advance(Duration.ofSeconds(10));

        assertThat(a.binder().announcements()).extracting(TestingAddressBinder.Event::at)
                .containsExactly(first, second, second + 5_000_000_000L);
    }

    @Test
    void versionMismatchIsAConditionLoggedOncePerPeer() {
        Node a = node("a", "10.99.0.1", vi(100).version(3).build());
        Node b = node("b", "10.99.0.2", vi(200).version(2).build());
        cluster.startAll();
        cluster.advance(Duration.ofSeconds(10));
        // keepalived runs two masters; we do too, but say so
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(a.status("VI_1").conditions()).containsExactly("version_mismatch: 10.99.0.2 (v2)");
        assertThat(b.status("VI_1").conditions()).containsExactly("version_mismatch: 10.99.0.1 (v3)");
    }

    @Test
    void twoLostAdvertsDoNotMoveTheMasterButThreeDo() {
        Node a = node("a", "10.99.0.1", vi(200).build());
        Node b = node("b", "10.99.0.2", vi(100).build());
        cluster.startAll();
        until(a, VrrpState.MASTER); // 3.21875 s, then every second
        cluster.advance(Duration.ofMillis(500));
        cluster.network().dropNextFrom("a", 2); // 4.21875 and 5.21875 s: a 3 s gap < 3.609375 s
        cluster.loop().advanceTo(7_000_000_000L);
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);

        cluster.network().dropNextFrom("a", 3); // 7.21875 .. 9.21875 s: the last heard is 6.21875 s
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(6_218_750_000L + 3_609_375_000L);
        cluster.advance(Duration.ofSeconds(2)); // a hears b's lower advert and wins it back at once
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aSlowSegmentDelaysTakeoverByTheDelayOnlyAndDoesNotFlap() {
        cluster.network().setDelay(Duration.ofMillis(200));
        Node a = node("a", "10.99.0.1", vi(200).build());
        Node b = node("b", "10.99.0.2", vi(100).build());
        cluster.startAll();
        until(a, VrrpState.MASTER);
        cluster.advance(Duration.ofSeconds(20));
        assertThat(b.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP);
        List<Long> aSends = cluster.network().sendTimes("a", 200);
        long last = aSends.get(aSends.size() - 1);
        cluster.network().isolate("a");
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(last + 200_000_000L + 3_609_375_000L);
    }

    @Test
    void ipv6VipsAreAddedBackWhenTheirLinkReturns() {
        Node a = node("a", "10.99.0.1", vi(100)
                .vip(new io.spare.api.VirtualAddress(ip("fd99::10"), 64, java.util.Optional.of("eth1"),
                        java.util.Optional.empty(), io.spare.api.AddressScope.GLOBAL)).build());
        cluster.startAll();
        until(a, VrrpState.MASTER);
        a.links().setLink("eth1", false);
        cluster.advance(Duration.ofSeconds(1));
        a.links().setLink("eth1", true);
        long up = cluster.now();
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(cluster.ledger().events("a", TestingAddressBinder.Kind.ADD)).last()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(up);
                    assertThat(e.address()).isEqualTo(ip("fd99::10"));
                    assertThat(e.device()).isEqualTo("eth1");
                });
    }

    @Test
    void aThousandInstancesOnTwoNodesConverge() {
        List<InstanceConfig> high = new java.util.ArrayList<>();
        List<InstanceConfig> low = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String vip = "10.99." + (10 + i / 250) + "." + (i % 250 + 1);
            int vrid = i % 255 + 1;
            String iface = "eth" + (i / 255);
            high.add(instance("VI_" + i).interfaceName(iface).vrid(vrid).priority(200).vip(vip).build());
            low.add(instance("VI_" + i).interfaceName(iface).vrid(vrid).priority(100).vip(vip).build());
        }
        Node a = cluster.node("a", "10.99.0.1", io.spare.engine.testing.TestingConfigs.config(
                io.spare.engine.testing.TestingConfigs.global(), List.of(), high, List.of()));
        Node b = cluster.node("b", "10.99.0.2", io.spare.engine.testing.TestingConfigs.config(
                io.spare.engine.testing.TestingConfigs.global(), List.of(), low, List.of()));
        cluster.startAll();
        cluster.advance(Duration.ofSeconds(30));
        assertThat(a.engine().status().instances()).extracting(InstanceStatus::state).containsOnly(VrrpState.MASTER);
        assertThat(b.engine().status().instances()).extracting(InstanceStatus::state).containsOnly(VrrpState.BACKUP);
    }
}
