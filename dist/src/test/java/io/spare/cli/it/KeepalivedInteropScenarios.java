package io.spare.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Spare and the Debian keepalived as the two routers of one VRID (A priority 100, B 90), in both
 * roles: the VIP must move from one to the other when the MASTER stops (SIGTERM, priority 0), come
 * back when it returns (preemption), and move again when it dies (cut off, then SIGKILL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KeepalivedInteropScenarios {
    private FailoverLab lab;

    abstract Flavor flavor();

    @BeforeAll
    void createLab() throws Exception {
        lab = FailoverLab.forTestClass(flavor(), getClass());
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (lab != null) {
            lab.setConnected("a", true);
            lab.stopAll();
        }
    }

    @AfterAll
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void spareMasterKeepalivedBackup() throws Exception {
        failBothWays(FailoverLab::spare, FailoverLab::keepalived);
    }

    @Test
    @Order(2)
    void keepalivedMasterSpareBackup() throws Exception {
        failBothWays(FailoverLab::keepalived, FailoverLab::spare);
    }

    private void failBothWays(BiFunction<FailoverLab, NodeSpec, VrrpNode> master,
                              BiFunction<FailoverLab, NodeSpec, VrrpNode> backup) throws Exception {
        VrrpNode a = master.apply(lab, lab.spec("a", 100));
        VrrpNode b = backup.apply(lab, lab.spec("b", 90));
        b.start();
        a.start();
        lab.awaitSoleHolder("a", SpareFailoverScenarios.STARTUP);
        lab.awaitReady(b, SpareFailoverScenarios.STARTUP);
        // The backup accepts the master's adverts: otherwise it would take the VIP after Master_Down_Interval.
        lab.assertSoleHolderFor("a", flavor().masterDown(90).plus(flavor().advertInt().multipliedBy(2)));

        // Planned stop: priority 0 from A, B takes over after its skew time.
        a.terminate();
        Duration planned = lab.awaitSoleHolder("b", flavor().masterDown(90).plus(flavor().margin()));
        assertTrue(a.awaitExit(Duration.ofSeconds(10)), a + " did not exit after SIGTERM");

        // A returns with the higher priority: B yields.
        VrrpNode a2 = master.apply(lab, lab.spec("a", 100));
        a2.start();
        Duration preempt = lab.awaitSoleHolder("a", SpareFailoverScenarios.STARTUP);

        // A dies: B takes over after Master_Down_Interval.
        lab.setConnected("a", false);
        long cut = System.nanoTime();
        a2.kill();
        lab.await(b + " holds the VIP after " + a2 + " died", flavor().masterDown(90).plus(flavor().margin()), () -> lab.holds("b"));
        long deadMs = (System.nanoTime() - cut) / 1_000_000;
        System.out.printf("%s %s -> %s: SIGTERM move %d ms, preempt back %d ms (incl. start), dead master %d ms%n",
                flavor(), a.kind(), b.kind(), planned.toMillis(), preempt.toMillis(), deadMs);
        lab.forgetVip("a");
    }
}
