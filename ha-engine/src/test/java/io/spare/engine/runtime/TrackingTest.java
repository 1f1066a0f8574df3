package io.spare.engine.runtime;

import static io.spare.engine.testing.TestingConfigs.check;
import static io.spare.engine.testing.TestingConfigs.config;
import static io.spare.engine.testing.TestingConfigs.global;
import static io.spare.engine.testing.TestingConfigs.instance;
import static io.spare.engine.testing.TestingConfigs.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.VrrpState;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.testing.TestingCheck;
import io.spare.engine.testing.TestingCluster;
import io.spare.engine.testing.TestingCluster.Node;
import io.spare.engine.vrrp.VrrpTimers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effective priority, FAULT from checks and links, and the tutorial's keepalived + HAProxy setup. */
class TrackingTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration TWO_S = Duration.ofSeconds(2);
    private final TestingCluster cluster = new TestingCluster();

    private long until(Node node, VrrpState state) {
        return cluster.loop().advanceUntil(() -> node.state("VI_1") == state, LIMIT);
    }

    private static long skewMicros(int priority) {
        return VrrpTimers.skewMicros(2, priority, 1_000_000);
    }

    /** The seed keepalived.conf: chk_haproxy weight 2, chk_state_down weight 3, both every 2 s. */
    private Node seedNode(String name, String address, int priority, TestingCheck haproxy, TestingCheck down) {
        List<CheckConfig> checks = List.of(check("chk_haproxy", TWO_S, 2), check("chk_state_down", TWO_S, 3));
        InstanceConfig vi = instance("VI_1").master().interfaceName("eth0").vrid(111).priority(priority)
                .authentication(io.spare.api.Authentication.pass("1111")).vip("192.168.80.114")
                .track("chk_haproxy").track("chk_state_down").build();
        return cluster.node(name, address, config(global(), checks, List.of(vi), List.of()),
                Map.of("chk_haproxy", haproxy, "chk_state_down", down));
    }

    @Test
    void theTutorialSetupFailsOverWhenHaproxyDiesAndComesBackWhenItRecovers() {
        TestingCheck haproxyA = new TestingCheck();
        Node a = seedNode("master", "10.99.0.1", 100, haproxyA, new TestingCheck());
        Node b = seedNode("backup", "10.99.0.2", 99, new TestingCheck(), new TestingCheck());
        cluster.startAll();
        assertThat(a.priority("VI_1")).isEqualTo(105);
        assertThat(b.priority("VI_1")).isEqualTo(104);
        long aMaster = until(a, VrrpState.MASTER);
        assertThat(aMaster).isEqualTo((3_000_000 + skewMicros(105)) * 1000);

        // HAProxy dies at 10.5 s; the check notices at its 12 s run: 105 - 2 = 103 < 104
        cluster.loop().advanceTo(10_500_000_000L);
        haproxyA.fail("no haproxy process");
        cluster.loop().advanceTo(12_000_000_000L);
        assertThat(a.priority("VI_1")).isEqualTo(103);
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.MASTER);

        // the backup discards the lower adverts; its timer, restarted by the last 105 advert, runs out
        long lastAccepted = aMaster + 8_000_000_000L; // 11.589843 s
        long bMaster = until(b, VrrpState.MASTER);
        assertThat(bMaster).isEqualTo(lastAccepted + (3_000_000 + skewMicros(104)) * 1000);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        cluster.advance(Duration.ofMillis(100));
        assertThat(cluster.ledger().holders(ip("192.168.80.114"))).containsExactly("backup");

        // HAProxy is back at 20.5 s; the 22 s run restores 105 and the master preempts back
        cluster.loop().advanceTo(20_500_000_000L);
        haproxyA.pass();
        long aBack = until(a, VrrpState.MASTER);
        long lastBAdvert = bMaster + 6_000_000_000L; // b's advert before 22 s
        // timer from b's last advert at priority 103, shortened by the skew 103 -> 105 as keepalived does
        assertThat(aBack).isEqualTo(lastBAdvert + (3_000_000 + skewMicros(105)) * 1000);
        cluster.advance(Duration.ofSeconds(1));
        assertThat(b.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(cluster.ledger().holders(ip("192.168.80.114"))).containsExactly("master");
        assertThat(cluster.ledger().everUnheldAfterFirstAdd(ip("192.168.80.114"), cluster.now())).isFalse();
        assertThat(b.notifier().states("VI_1"))
                .containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.BACKUP);
    }

    @Test
    void maintenanceSwitchWithNegativeWeightMovesTheMasterAway() {
        TestingCheck downFile = new TestingCheck();
        List<CheckConfig> checks = List.of(check("maintenance", TWO_S, -3));
        Node a = cluster.node("a", "10.99.0.1", config(global(), checks,
                List.of(instance("VI_1").priority(101).vip("10.99.1.1").track("maintenance").build()), List.of()),
                Map.of("maintenance", downFile));
        Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        until(a, VrrpState.MASTER);
        downFile.fail("/etc/keepalived/down exists");
        cluster.advance(TWO_S);
        assertThat(a.priority("VI_1")).isEqualTo(98);
        until(b, VrrpState.MASTER);
    }

    @Test
    void aFailingWeightZeroCheckPutsTheMasterInFaultAndItComesBack() {
        TestingCheck chk = new TestingCheck();
        Node a = cluster.node("a", "10.99.0.1", config(global(), List.of(check("chk", TWO_S, 0)),
                List.of(instance("VI_1").priority(200).vip("10.99.1.1").track("chk").build()), List.of()),
                Map.of("chk", chk));
        Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        until(a, VrrpState.MASTER);
        chk.fail("broken");
        long fault = until(a, VrrpState.FAULT);
        assertThat(fault).isEqualTo(4_000_000_000L); // the check's run at 4 s
        assertThat(cluster.network().sendTimes("a", 0)).containsExactly(fault);
        assertThat(a.binder().holds(ip("10.99.1.1"))).isFalse();
        assertThat(a.status("VI_1").conditions()).containsExactly("fault: check chk failed");
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(fault + skewMicros(100) * 1000);

        chk.pass();
        long back = until(a, VrrpState.BACKUP);
        assertThat(back).isEqualTo(6_000_000_000L);
        // a preempts: it discards b's lower adverts and its down timer from leaving FAULT runs out
        assertThat(until(a, VrrpState.MASTER)).isEqualTo(back + (3_000_000 + skewMicros(200)) * 1000);
        assertThat(a.notifier().states("VI_1"))
                .containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP, VrrpState.MASTER);
    }

    @Test
    void initFailStartsInFault() {
        TestingCheck chk = new TestingCheck().fail("not yet");
        Node a = cluster.node("a", "10.99.0.1", config(global(),
                List.of(check("chk", TWO_S, TWO_S, 2, 1, 0, true)),
                List.of(instance("VI_1").priority(100).vip("10.99.1.1").track("chk").build()), List.of()),
                Map.of("chk", chk));
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        chk.pass();
        // rise 2: the passes at 2 s and 4 s
        assertThat(until(a, VrrpState.BACKUP)).isEqualTo(4_000_000_000L);
    }

    @Test
    void linkDownOnTheInstanceInterfaceIsFaultAndTheBackupTakesOver() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(200).vip("10.99.1.1").build()));
        Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        cluster.startAll();
        until(a, VrrpState.MASTER);
        cluster.advance(Duration.ofMillis(1500));
        long down = cluster.now();
        a.links().setLink("eth0", false);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(a.status("VI_1").conditions()).containsExactly("fault: interface eth0 down");
        assertThat(cluster.network().sendTimes("a", 0)).containsExactly(down);
        assertThat(until(b, VrrpState.MASTER)).isEqualTo(down + skewMicros(100) * 1000);
        a.links().setLink("eth0", true);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aMissingInterfaceAtStartupIsFaultUntilItAppears() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
        a.links().missing("eth0");
        cluster.startAll();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        a.links().setLink("eth0", true);
        long up = cluster.now();
        assertThat(until(a, VrrpState.MASTER)).isEqualTo(up + 3_609_375_000L);
    }

    @Test
    void trackedInterfaceWeightsMovePriorityAndWeightZeroIsFault() {
        Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(200).vip("10.99.1.1")
                .trackInterface("eth1", -150).trackInterface("eth2", 0).build()));
        cluster.startAll();
        assertThat(a.priority("VI_1")).isEqualTo(200);
        a.links().setLink("eth1", false);
        cluster.loop().runPending();
        assertThat(a.priority("VI_1")).isEqualTo(50);
        a.links().setLink("eth2", false);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(a.status("VI_1").conditions()).containsExactly("fault: tracked interface eth2 down");
    }

    @Test
    void priorityIsClampedAndAnOwnerIsNeverMovedButCanFault() {
        TestingCheck plus = new TestingCheck();
        TestingCheck minus = new TestingCheck().fail("x");
        TestingCheck zero = new TestingCheck();
        List<CheckConfig> checks = List.of(check("plus", TWO_S, 100), check("minus", TWO_S, -253),
                check("zero", TWO_S, 0));
        Node a = cluster.node("a", "10.99.0.1", config(global(), checks, List.of(
                instance("VI_1").priority(200).vrid(1).track("plus").build(),
                instance("VI_2").priority(50).vrid(2).track("minus").build(),
                instance("VI_3").master().priority(255).vrid(3).track("plus").track("minus").track("zero").build()),
                List.of()), Map.of("plus", plus, "minus", minus, "zero", zero));
        cluster.startAll();
        assertThat(a.priority("VI_1")).isEqualTo(254);
        assertThat(a.priority("VI_2")).isEqualTo(1);
        assertThat(a.priority("VI_3")).isEqualTo(255);
        assertThat(a.state("VI_3")).isEqualTo(VrrpState.MASTER);
        zero.fail("down");
        cluster.advance(TWO_S);
        assertThat(a.state("VI_3")).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void numericResultsMultiplyTheWeightAndAreFaultAtWeightZero() {
        TestingCheck file = new TestingCheck().value(3);
        TestingCheck strict = new TestingCheck().value(0);
        Node a = cluster.node("a", "10.99.0.1", config(global(),
                List.of(check("file", TWO_S, 5), check("strict", TWO_S, 0)),
                List.of(instance("VI_1").priority(100).vip("10.99.1.1").track("file").track("strict").build()),
                List.of()), Map.of("file", file, "strict", strict));
        cluster.startAll();
        assertThat(a.priority("VI_1")).isEqualTo(115);
        file.value(-4);
        strict.value(1);
        cluster.advance(TWO_S);
        assertThat(a.priority("VI_1")).isEqualTo(80);
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(a.status("VI_1").conditions()).containsExactly("fault: check strict reports 1");
    }

    @Test
    void aPerInstanceWeightOverridesTheChecksAndOneCheckServesSeveralInstances() {
        TestingCheck chk = new TestingCheck().fail("down");
        Node a = cluster.node("a", "10.99.0.1", config(global(), List.of(check("chk", TWO_S, -10)), List.of(
                instance("VI_1").priority(100).vrid(1).track("chk").build(),
                instance("VI_2").priority(100).vrid(2).track("chk", -30).build()), List.of()),
                Map.of("chk", chk));
        cluster.startAll();
        assertThat(a.priority("VI_1")).isEqualTo(90);
        assertThat(a.priority("VI_2")).isEqualTo(70);
        chk.pass();
        cluster.advance(TWO_S);
        assertThat(a.priority("VI_1")).isEqualTo(100);
        assertThat(a.priority("VI_2")).isEqualTo(100);
        assertThat(chk.runs()).isEqualTo(2);
    }
}
