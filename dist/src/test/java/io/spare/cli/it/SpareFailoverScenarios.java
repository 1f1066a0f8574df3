package io.spare.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Spare nodes from the distribution, A (priority 100) and B (90), and a client, in one lab per
 * flavor (the subclasses). Each test starts from "A is MASTER, B is BACKUP" and checks what a user
 * sees: who holds the VIP, how fast it moves, and how many of the client's 1 kHz pings are lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SpareFailoverScenarios {
    /** JVM start plus the first election, on a loaded 2-core machine. */
    static final Duration STARTUP = Duration.ofSeconds(25);

    private FailoverLab lab;
    private SpareNode a;
    private SpareNode b;

    abstract Flavor flavor();

    @BeforeAll
    void createLab() throws Exception {
        lab = FailoverLab.forTestClass(flavor(), getClass());
    }

    @AfterAll
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private void ensureAMasterBBackup() throws Exception {
        // A node a failed test told to end may still be handing over: let it finish first.
        for (VrrpNode node : new VrrpNode[] {a, b}) {
            if (node != null && node.ended()) {
                node.stop();
            }
        }
        if (a == null || !a.alive()) {
            lab.forgetVip("a");
            a = lab.spare(lab.spec("a", 100));
            a.start();
        }
        if (b == null || !b.alive()) {
            b = lab.spare(lab.spec("b", 90));
            b.start();
        }
        Files.deleteIfExists(a.spec().maintenanceFile());
        lab.awaitSoleHolder("a", STARTUP);
        lab.awaitReady(b, STARTUP);
    }

    @Test
    @Order(1)
    void higherPriorityWinsTheElectionAndTheBackupStaysQuiet() throws Exception {
        a = lab.spare(lab.spec("a", 100));
        b = lab.spare(lab.spec("b", 90));
        b.start();
        a.start();
        lab.awaitSoleHolder("a", STARTUP);
        lab.awaitReady(b, STARTUP);
        // B must hear A's adverts: were they lost (e.g. multicast in a unicast flavor), B would
        // take the VIP after its Master_Down_Interval.
        lab.assertSoleHolderFor("a", flavor().masterDown(90).plus(flavor().advertInt().multipliedBy(2)));
        if (flavor().unicast()) {
            assertEquals(0, lab.droppedMulticast("a") + lab.droppedMulticast("b"),
                    "in unicast mode no VRRP advert should go to 224.0.0.18");
        }
    }

    @Test
    @Order(2)
    void failingCheckMovesTheVipAndRecoveryPreemptsBack() throws Exception {
        ensureAMasterBBackup();
        Duration check = a.spec().checkInterval();
        lab.touch(a.spec().maintenanceFile());
        Duration away = lab.awaitSoleHolder("b", check.plus(flavor().masterDown(90)).plus(flavor().margin()));
        Files.delete(a.spec().maintenanceFile());
        Duration back = lab.awaitSoleHolder("a", check.plus(flavor().masterDown(100)).plus(flavor().margin()));
        System.out.printf("%s: check failure moved the VIP in %d ms, recovery moved it back in %d ms%n",
                flavor(), away.toMillis(), back.toMillis());
    }

    @Test
    @Order(3)
    void sigtermHandsTheVipOverWithoutLosingAnEcho() throws Exception {
        ensureAMasterBBackup();
        try (PingProbe probe = lab.probe()) {
            assertTrue(probe.awaitReplies(300, Duration.ofSeconds(10)), "the client gets no answers from the VIP");
            probe.mark();
            a.terminate();
            Duration took = lab.awaitSoleHolder("b", flavor().masterDown(90).plus(flavor().margin()));
            assertTrue(a.awaitExit(Duration.ofSeconds(10)), "A did not exit after SIGTERM");
            assertTrue(probe.awaitReplies(500, Duration.ofSeconds(10)), "no answers after the handover: " + probe.describe());
            System.out.printf("%s: SIGTERM handover in %d ms, %s%n", flavor(), took.toMillis(), probe.describe());
            // IPv6 too: the new MASTER announces an IPv6 VIP only once the kernel routes it locally.
            assertTrue(probe.lost() == 0, "echoes lost during a planned handover (" + probe.describe() + ")\n" + lab.logs());
        }
    }

    @Test
    @Order(4)
    void deadMasterIsReplacedWithinMasterDownIntervalAndPreemptsBackOnReturn() throws Exception {
        ensureAMasterBBackup();
        lab.setConnected("a", false);
        long cut = System.nanoTime();
        a.kill();
        Duration bound = flavor().masterDown(90).plus(flavor().margin());
        lab.await("b holds the VIP after A died", bound, () -> lab.holds("b"));
        long tookMs = (System.nanoTime() - cut) / 1_000_000;
        System.out.printf("%s: dead master replaced in %d ms (Master_Down_Interval %d ms)%n",
                flavor(), tookMs, flavor().masterDown(90).toMillis());

        lab.forgetVip("a");
        lab.setConnected("a", true);
        a = lab.spare(lab.spec("a", 100));
        a.start();
        lab.awaitSoleHolder("a", STARTUP);
    }

    @Test
    @Order(5)
    void nopreemptKeepsARecoveredNodeBackup() throws Exception {
        ensureAMasterBBackup();
        a.stop();
        lab.awaitSoleHolder("b", flavor().masterDown(90).plus(flavor().margin()));

        a = lab.spare(lab.spec("a", 100).withNopreempt(true));
        a.start();
        lab.awaitReady(a, STARTUP);
        // Long enough for A to have preempted twice over, had it been allowed to.
        lab.assertSoleHolderFor("b", flavor().masterDown(100).multipliedBy(2).plus(flavor().margin()));

        // A is a live backup: it takes over when B goes.
        b.stop();
        lab.awaitSoleHolder("a", flavor().masterDown(100).plus(flavor().margin()));
        a.stop();
        a = null;
        b = null;
    }
}
