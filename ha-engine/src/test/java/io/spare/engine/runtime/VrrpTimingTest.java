package io.spare.engine.runtime;

import static io.spare.engine.testing.TestingConfigs.config;
import static io.spare.engine.testing.TestingConfigs.global;
import static io.spare.engine.testing.TestingConfigs.instance;
import static io.spare.engine.testing.TestingConfigs.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.VrrpState;
import io.spare.engine.testing.TestingAddressBinder;
import io.spare.engine.testing.TestingCluster;
import io.spare.engine.testing.TestingCluster.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Master_Down_Interval, Skew_Time and the takeover rules, to the nanosecond. */
class VrrpTimingTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final TestingCluster cluster = new TestingCluster();

    private static long seconds(double s) {
        return Math.round(s * 1_000_000_000L);
    }

    private long untilState(Node node, VrrpState state) {
        return cluster.loop().advanceUntil(() -> node.state("VI_1") == state, LIMIT);
    }

    @Test
    void v2BackupBecomesMasterAfterExactlyMasterDownInterval() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1/24").build()));
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);

        // 3 × 1 s + (256 − 100)/256 s = 3.609375 s
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(3_609_375_000L);
        assertThat(a.binder().holds(ip("10.99.1.1"))).isTrue();
        assertThat(cluster.network().sendTimes("a", 100)).containsExactly(3_609_375_000L);
        cluster.advance(Duration.ofSeconds(2));
        assertThat(cluster.network().sendTimes("a", 100))
                .containsExactly(3_609_375_000L, 4_609_375_000L, 5_609_375_000L);
    }

    @Test
    void v2SkewDoesNotDependOnTheInterval() {
        Node a = cluster.node("a", "10.99.0.1",
                config(instance("VI_1").priority(100).advertInt(Duration.ofSeconds(2)).vip("10.99.1.1").build()));
        cluster.startAll();
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(6_609_375_000L);
    }

    @Test
    void v3WithAHundredMillisecondIntervalUsesKeepalivedsMicrosecondSkew() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").version(3).priority(100)
                .advertInt(Duration.ofMillis(100)).vip("10.99.1.1").build()));
        cluster.startAll();
        // 3 × 100 ms + 156 × 10 cs × 625 / 16 µs = 300 000 + 60 937 µs (keepalived truncates the .5)
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(360_937_000L);
    }

    @Test
    void v3WithOneSecondInterval() {
        Node a = cluster.node("a", "10.99.0.1",
                config(instance("VI_1").version(3).priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(3_609_375_000L);
    }

    @Test
    void addressOwnerWithStateMasterTakesOverAtOnce() {
        Node a = cluster.node("a", "10.99.0.1",
                config(instance("VI_1").master().priority(255).vip("10.99.1.1").build()));
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(cluster.now()).isZero();
        assertThat(cluster.network().sendTimes("a", 255)).containsExactly(0L);
    }

    @Test
    void stateMasterWithoutBeingOwnerStillWaitsTheDownInterval() {
        Node a = cluster.node("a", "10.99.0.1",
                config(instance("VI_1").master().priority(200).vip("10.99.1.1").build()));
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(seconds(3 + 56 / 256.0));
    }

    /** Node a with one instance, VI_1 at priority 100, and {@code vrrp_startup_delay}. */
    private Node nodeWithStartupDelay(Duration delay) {
        return cluster.node("a", "10.99.0.1",
                config(global(delay), List.of(), List.of(instance("VI_1").priority(100).vip("10.99.1.1").build()), List.of()));
    }

    @Test
    void startupDelayDelaysEverything() {
        Node a = nodeWithStartupDelay(Duration.ofSeconds(5));
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.INIT);
        assertThat(cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.BACKUP, LIMIT)).isEqualTo(seconds(5));
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(seconds(5) + 3_609_375_000L);
    }

    @Test
    void aStartupDelayDoesNotDelayReleasingTheVipsACrashedRunLeft() {
        Node a = nodeWithStartupDelay(Duration.ofSeconds(5));
        long start = cluster.now();
        cluster.startAll();
        cluster.loop().runPending();
        // as keepalived: removed at once, while another host may be MASTER, not after the delay
        assertThat(cluster.ledger().events("a", TestingAddressBinder.Kind.REMOVE)).extracting(TestingAddressBinder.Event::at)
                .first().isEqualTo(start);
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.INIT);
    }

    @Test
    void priorityZeroLetsTheBackupTakeOverAfterExactlySkewAndTheVipIsNeverUnheld() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(200).vip("10.99.1.1").build()));
        Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        assertThat(untilState(a, VrrpState.MASTER)).isEqualTo(seconds(3 + 56 / 256.0));
        cluster.advance(Duration.ofMillis(10_500));
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        long stopAt = cluster.now();

        a.engine().beginStop();
        long takeover = cluster.loop().advanceUntil(() -> b.state("VI_1") == VrrpState.MASTER, LIMIT);

        assertThat(cluster.network().sendTimes("a", 0)).containsExactly(stopAt);
        assertThat(takeover - stopAt).isEqualTo(609_375_000L); // skew of priority 100
        // a keeps the VIP until it heard b's advert, plus the grace
        long released = cluster.loop().advanceUntil(() -> !a.binder().holds(ip("10.99.1.1")), LIMIT);
        assertThat(released).isEqualTo(takeover + 100_000_000L);
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.STOP);
        assertThat(cluster.ledger().everUnheldAfterFirstAdd(ip("10.99.1.1"), cluster.now())).isFalse();
        assertThat(a.notifier().states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.STOP);
    }

    @Test
    void aStoppingMasterNobodyReplacesReleasesAfterTheBound() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        untilState(a, VrrpState.MASTER);
        long stopAt = cluster.now();
        var done = a.engine().beginStop();
        long released = cluster.loop().advanceUntil(() -> !a.binder().holds(ip("10.99.1.1")), LIMIT);
        assertThat(released - stopAt).isEqualTo(3_609_375_000L + 100_000_000L);
        cluster.loop().advanceUntil(done::isDone, LIMIT);
        assertThat(done).isCompleted();
    }
}
