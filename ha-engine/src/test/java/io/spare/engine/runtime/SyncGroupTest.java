package io.spare.engine.runtime;

import static io.spare.engine.testing.TestingConfigs.check;
import static io.spare.engine.testing.TestingConfigs.config;
import static io.spare.engine.testing.TestingConfigs.global;
import static io.spare.engine.testing.TestingConfigs.instance;
import static io.spare.engine.testing.TestingConfigs.syncGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.StateTransition;
import io.spare.api.VrrpState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.testing.TestingCheck;
import io.spare.engine.testing.TestingCluster;
import io.spare.engine.testing.TestingCluster.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sync groups change state together and are notified as groups. */
class SyncGroupTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration TWO_S = Duration.ofSeconds(2);
    private final TestingCluster cluster = new TestingCluster();

    private Node groupNode(String name, String address, int priority, TestingCheck chk) {
        List<InstanceConfig> instances = List.of(
                instance("VI_1").vrid(1).priority(priority).vip("10.99.1.1").track("chk").build(),
                instance("VI_2").vrid(2).priority(priority).vip("10.99.2.1").build());
        return cluster.node(name, address, config(global(), List.of(check("chk", TWO_S, 0)), instances,
                List.of(syncGroup("G1", "VI_1", "VI_2"))), Map.of("chk", chk));
    }

    private static List<VrrpState> groupStates(Node node) {
        return node.notifier().transitions().stream().filter(t -> t.scope() == StateTransition.Scope.GROUP)
                .map(StateTransition::to).toList();
    }

    @Test
    void membersBecomeMasterTogetherAndFailOverTogether() {
        TestingCheck chkA = new TestingCheck();
        Node a = groupNode("a", "10.99.0.1", 200, chkA);
        Node b = groupNode("b", "10.99.0.2", 100, new TestingCheck());
        cluster.startAll();
        long aMaster = cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.MASTER, LIMIT);
        assertThat(aMaster).isEqualTo(3_218_750_000L);
        assertThat(a.state("VI_2")).isEqualTo(VrrpState.MASTER);
        assertThat(a.engine().status().syncGroup("G1").state()).isEqualTo(VrrpState.MASTER);

        // only VI_1 tracks the check, but the whole group goes to FAULT and hands both VIPs over
        chkA.fail("down");
        long fault = cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.FAULT, LIMIT);
        assertThat(a.state("VI_2")).isEqualTo(VrrpState.FAULT);
        assertThat(a.status("VI_2").conditions()).singleElement().asString()
                .contains("sync group G1: VI_1 in FAULT");
        assertThat(cluster.network().sendTimes("a", 0)).containsExactly(fault, fault);
        long bMaster = cluster.loop().advanceUntil(() -> b.state("VI_1") == VrrpState.MASTER, LIMIT);
        assertThat(bMaster).isEqualTo(fault + 609_375_000L);
        assertThat(b.state("VI_2")).isEqualTo(VrrpState.MASTER);

        chkA.pass();
        cluster.advance(Duration.ofSeconds(10));
        assertThat(List.of(a.state("VI_1"), a.state("VI_2"))).containsOnly(VrrpState.MASTER);
        assertThat(List.of(b.state("VI_1"), b.state("VI_2"))).containsOnly(VrrpState.BACKUP);
        assertThat(groupStates(a)).containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT,
                VrrpState.BACKUP, VrrpState.MASTER);
        assertThat(groupStates(b)).containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.BACKUP);
    }

    @Test
    void aMemberLeavingMasterForBackupTakesTheOthersAlongAndTheGroupWaitsForAllMembers() {
        Node a = groupNode("a", "10.99.0.1", 100, new TestingCheck());
        cluster.startAll();
        cluster.loop().advanceUntil(() -> a.state("VI_2") == VrrpState.MASTER, LIMIT);
        // another router, not in a group, preempts VI_1 only
        Node c = cluster.node("c", "10.99.0.3", config(instance("VI_1").vrid(1).priority(250).vip("10.99.1.1").build()));
        c.engine().start();
        cluster.loop().advanceUntil(() -> c.state("VI_1") == VrrpState.MASTER, LIMIT);
        cluster.loop().runPending();
        assertThat(a.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(a.state("VI_2")).isEqualTo(VrrpState.BACKUP);
        cluster.advance(Duration.ofSeconds(20));
        // VI_2 hears nobody, but VI_1 has a live master: the group stays BACKUP
        assertThat(a.state("VI_2")).isEqualTo(VrrpState.BACKUP);
        assertThat(a.status("VI_2").conditions()).anyMatch(cond -> cond.startsWith("sync_group_wait"));
        assertThat(cluster.ledger().holders(io.spare.engine.testing.TestingConfigs.ip("10.99.2.1"))).isEmpty();
    }

    @Test
    void aGroupMasterHearingALowerPriorityReannouncesTheWholeGroup() {
        Node a = groupNode("a", "10.99.0.1", 200, new TestingCheck());
        Node b = groupNode("b", "10.99.0.2", 100, new TestingCheck());
        cluster.network().partition(List.of("a"));
        cluster.startAll();
        cluster.loop().advanceUntil(() -> b.state("VI_1") == VrrpState.MASTER && a.state("VI_1") == VrrpState.MASTER,
                LIMIT);
        // a advertises at 3.21875 + k s, b at 3.609375 + k s: heal between them so b speaks first
        cluster.loop().advanceTo(4_300_000_000L);
        cluster.network().heal();
        long heard = cluster.loop().advanceUntil(() -> b.state("VI_1") == VrrpState.BACKUP, LIMIT);
        assertThat(heard).isEqualTo(4_609_375_000L);
        // b's VI_1 advert reached a first: a re-announced VI_1's VIP and, for the group, VI_2's
        assertThat(a.binder().announcements()).filteredOn(e -> e.at() == heard)
                .extracting(e -> e.address().getHostAddress())
                .containsExactlyInAnyOrder("10.99.1.1", "10.99.2.1");
        cluster.advance(Duration.ofSeconds(2));
        assertThat(List.of(b.state("VI_1"), b.state("VI_2"))).containsOnly(VrrpState.BACKUP);
    }
}
