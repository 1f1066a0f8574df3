package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference setup end to end (the tutorial of {@code shared/seed}: two HAProxy load balancers
 * in hot standby behind one VIP), with real processes in namespaces of a {@link NetworkLab}: on
 * nodes {@code a} (MASTER, priority 100) and {@code b} (BACKUP, 99) a web backend, HAProxy and
 * Spare from the unpacked distribution with the reference checks (chk_haproxy weight 2,
 * chk_state_down weight 3) and the seed's notify.sh as hooks; a real SMTP server on host
 * {@code mail}; a {@code client} that fetches {@code http://VIP:8080/} with curl.
 *
 * <p>It does what the tutorial's reader does, and checks what they would see: HTTP through the VIP
 * answered by the master's backend; HAProxy on the master crashes and chk_haproxy restarts it in
 * place; it crashes and cannot be restarted, and the backup serves within the detection time; the
 * maintenance file drains a node and its removal brings it back; notify.sh starts HAProxy on the
 * new MASTER and stops it on the new BACKUP; per transition one mail from Spare's mail notifier
 * (smtp_alert) with the tutorial's subject and one from notify.sh's own {@code mail}; a graceful
 * stop hands the VIP over; nothing is left behind.
 *
 * <p>chk_haproxy is the {@code haproxy} runtime-API check with {@code on_fail} (restart once per
 * outage), not the seed's chk_haproxy.sh: its {@code ps | grep haproxy} sees every namespace's
 * HAProxy on this one host, so it could never fail here.
 */
class ReferenceScenarioIT {
    static final List<String> SMALL_JVM = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final String VIP = "10.99.0.200";
    private static final String MAIL_HOST = "10.99.0.25";

    // The detection bound, from the configuration: a check notices within its interval, one run may
    // spend on_fail_timeout on the failed restart; then the backup, which now has the higher
    // priority, ignores the master's adverts and takes over when its Master_Down_Interval
    // (3 x advert_int + skew, skew = (256 - priority) / 256 s) expires. The margin covers
    // notify/GARP and the client's polling on 2 busy cores.
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    private static final Duration ON_FAIL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ADVERT_INT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofMillis(1500);

    private static Path seed;

    @TempDir
    Path work;

    @BeforeAll
    static void requirements() {
        Integration.requireRoot();
        Integration.requireCommand("ip");
        Integration.requireCommand("haproxy");
        Integration.requireCommand("curl");
        Integration.requireCommand("unshare");
        Integration.requireCommand("flock");
        Integration.requireCommand("ss");
        FailoverLab.spareDist();
        seed = Path.of(System.getProperty("spare.shared", "../../shared"), "seed");
        Integration.need(Files.isRegularFile(seed.resolve("notify.sh")), "the reference setup's notify.sh in " + seed);
    }

    @Test
    void haproxyHotStandbyAsTheTutorialDescribesIt() throws Exception {
        List<String> namespaces = new ArrayList<>();
        List<ReferenceNode> nodes = new ArrayList<>();
        Path mails = work.resolve("mails.txt");
        NetworkLab lab = NetworkLab.create();
        try {
            namespaces.add(lab.switchNamespace());
            namespaces.add(lab.addHost("a", "10.99.0.1/24"));
            namespaces.add(lab.addHost("b", "10.99.0.2/24"));
            namespaces.add(lab.addHost("mail", MAIL_HOST + "/24"));
            namespaces.add(lab.addHost("client", "10.99.0.100/24"));
            ReferenceNode a = new ReferenceNode(lab, "a", work.resolve("a"));
            ReferenceNode b = new ReferenceNode(lab, "b", work.resolve("b"));
            nodes.add(a);
            nodes.add(b);
            ReferenceScenario scenario = new ReferenceScenario(lab, a, b, VIP, mails, work);
            try {
                run(scenario, lab, a, b, mails);
            } finally {
                for (ReferenceNode node : nodes) {
                    node.stopSpare();
                    node.killLeftovers();
                }
            }
        } finally {
            lab.close();
        }

        // Torn down: no namespace left, no HAProxy of ours alive.
        String left = NetworkLab.run("ip", "netns", "list");
        for (String ns : namespaces) {
            assertThat(left).as("namespaces after the test").doesNotContain(ns);
        }
        for (ReferenceNode node : nodes) {
            for (long pid : node.haproxyPidsSeen()) {
                assertThat(node.runsMyHaproxy(pid)).as("HAProxy " + pid + " of " + node + " still runs").isFalse();
            }
        }
    }

    private void run(ReferenceScenario scenario, NetworkLab lab, ReferenceNode a, ReferenceNode b, Path mails) throws Exception {
        long begin = System.nanoTime();
        lab.startJava("mail", work.resolve("smtp.log"), SMALL_JVM, ReferenceSmtpSinkMain.class.getName(), MAIL_HOST, "25", mails.toString());
        a.writeFiles(seed, "MASTER", 100, VIP, MAIL_HOST);
        b.writeFiles(seed, "BACKUP", 99, VIP, MAIL_HOST);
        a.startBackend();
        b.startBackend();
        scenario.await("the SMTP server and both backends listen", Duration.ofSeconds(30), () -> scenario.logSays(work.resolve("smtp.log"), "listening")
                && scenario.logSays(a.dir().resolve("backend.log"), "listening") && scenario.logSays(b.dir().resolve("backend.log"), "listening"));
        // As at boot: HAProxy runs on both hosts before Spare starts.
        a.startHaproxy();
        b.startHaproxy();
        int aCtl = a.ctlLines().size();
        int bCtl = b.ctlLines().size();
        // Spare on the master first: both start as BACKUP (state MASTER is a hint), and the first
        // whose Master_Down timer expires takes over; started second, b hears a in time.
        a.startSpare();
        scenario.await(a + "'s Spare runs", Duration.ofSeconds(30), a::spareStarted);
        b.startSpare();

        // 1. The master (100 + 2 + 3 = 105) holds the VIP and its backend answers through it.
        scenario.awaitSoleHolder(a, Duration.ofSeconds(30));
        scenario.awaitServedBy(a, Duration.ofSeconds(10));
        // notify.sh on the new BACKUP stopped its HAProxy; chk_haproxy's recovery started it again
        // (as chk_haproxy.sh does), so that the backup is ready: 99 + 2 + 3 = 104.
        // (notify_backup stopped a's HAProxy too: both start as BACKUP; notify_master started it, or
        // found it started by the check's recovery.)
        scenario.awaitCtlSince(b, bCtl, "stop: stopped", Duration.ofSeconds(10));
        scenario.awaitCtlSince(b, bCtl, "start: started", Duration.ofSeconds(10));
        assertThat(b.haproxyRunning()).as("b's HAProxy, restarted by chk_haproxy").isTrue();
        scenario.awaitCtlSince(a, aCtl, "start: ", Duration.ofSeconds(10));
        assertThat(a.haproxyRunning()).as("a's HAProxy").isTrue();
        scenario.awaitMail(a, "backup", Duration.ofSeconds(15));
        scenario.awaitMail(a, "master", Duration.ofSeconds(15));
        scenario.awaitMail(b, "backup", Duration.ofSeconds(15));
        scenario.assertSoleHolderFor(a, Duration.ofMillis(1500));

        // 2. HAProxy on the master crashes: chk_haproxy restarts it at once (as chk_haproxy.sh
        //    does), the failure never counts, and the VIP stays where it is.
        aCtl = a.ctlLines().size();
        long crashed = a.killHaproxy();
        scenario.awaitCtlSince(a, aCtl, "start: started", Duration.ofSeconds(5));
        assertThat(a.haproxyPid()).as("a's HAProxy after the crash").isPresent().get().isNotEqualTo(crashed);
        scenario.assertSoleHolderFor(a, ADVERT_INT.multipliedBy(3).plus(Duration.ofSeconds(1)));
        scenario.awaitServedBy(a, Duration.ofSeconds(5));

        // 3. HAProxy on the master crashes and cannot be restarted (its config got broken): the
        //    master drops to 100 + 3 = 103, the backup (104) takes over.
        a.writeHaproxyConfig(false);
        aCtl = a.ctlLines().size();
        bCtl = b.ctlLines().size();
        a.killHaproxy();
        Duration took = scenario.awaitTakeover(b, System.nanoTime(), detection(CHECK_INTERVAL.plus(ON_FAIL_TIMEOUT), 104),
                "from HAProxy's crash on the master to HTTP through the VIP answered by the backup");
        scenario.awaitSoleHolder(b, Duration.ofSeconds(5));
        // chk_haproxy tried to restart it once, as chk_haproxy.sh does.
        assertThat(a.ctlLines().subList(aCtl, a.ctlLines().size())).anyMatch(line -> line.contains("start: failed"));
        // notify_master on b: HAProxy runs there.
        scenario.awaitCtlSince(b, bCtl, "start: ", Duration.ofSeconds(10));
        assertThat(b.haproxyRunning()).as("b's HAProxy").isTrue();
        scenario.awaitMail(b, "master", Duration.ofSeconds(15));
        scenario.awaitMail(a, "backup", Duration.ofSeconds(15));
        assertThat(a.haproxyRunning()).as("a's HAProxy").isFalse();

        // 4. Restore: the admin fixes the config and starts HAProxy; a (105) preempts b (104).
        a.writeHaproxyConfig(true);
        bCtl = b.ctlLines().size();
        a.startHaproxy();
        aCtl = a.ctlLines().size();
        scenario.awaitTakeover(a, System.nanoTime(), detection(CHECK_INTERVAL, 105), "from HAProxy's restart on a to a serving the VIP again");
        scenario.awaitSoleHolder(a, Duration.ofSeconds(5));
        // notify.sh on b, now BACKUP, stopped its HAProxy.
        scenario.awaitCtlSince(a, aCtl, "start: ", Duration.ofSeconds(10));
        scenario.awaitCtlSince(b, bCtl, "stop: stopped", Duration.ofSeconds(10));
        scenario.awaitCtlSince(b, bCtl, "start: started", Duration.ofSeconds(10));
        assertThat(b.haproxyRunning()).as("b's HAProxy, restarted by chk_haproxy").isTrue();
        scenario.awaitMail(a, "master", Duration.ofSeconds(15));
        scenario.awaitMail(b, "backup", Duration.ofSeconds(15));

        // 5. Maintenance: `touch down` on the master takes 3 points (105 -> 102 < 104): b takes over,
        //    and notify.sh stops HAProxy on a, starts it on b (where it runs already).
        aCtl = a.ctlLines().size();
        bCtl = b.ctlLines().size();
        Files.writeString(a.downFile(), "maintenance\n");
        scenario.awaitTakeover(b, System.nanoTime(), detection(CHECK_INTERVAL, 104), "from touching the down file to the backup serving the VIP");
        scenario.awaitSoleHolder(b, Duration.ofSeconds(5));
        scenario.awaitCtlSince(b, bCtl, "start: ", Duration.ofSeconds(10));
        scenario.awaitCtlSince(a, aCtl, "stop: stopped", Duration.ofSeconds(10));
        assertThat(b.haproxyRunning()).as("b's HAProxy").isTrue();
        scenario.awaitMail(b, "master", Duration.ofSeconds(15));
        scenario.awaitMail(a, "backup", Duration.ofSeconds(15));
        scenario.awaitCtlSince(a, aCtl, "start: started", Duration.ofSeconds(10));
        assertThat(a.haproxyRunning()).as("a's HAProxy, restarted by chk_haproxy").isTrue();

        // 6. Maintenance over: a is back to 105 and takes the VIP back.
        aCtl = a.ctlLines().size();
        bCtl = b.ctlLines().size();
        Files.delete(a.downFile());
        scenario.awaitTakeover(a, System.nanoTime(), detection(CHECK_INTERVAL, 105), "from removing the down file to a serving the VIP again");
        scenario.awaitSoleHolder(a, Duration.ofSeconds(5));
        scenario.awaitCtlSince(a, aCtl, "start: ", Duration.ofSeconds(10));
        scenario.awaitCtlSince(b, bCtl, "stop: stopped", Duration.ofSeconds(10));
        scenario.awaitMail(a, "master", Duration.ofSeconds(15));
        scenario.awaitMail(b, "backup", Duration.ofSeconds(15));

        // Two mails per transition (Spare's and notify.sh's), nothing more: each state each node's
        // log says it entered.
        scenario.assertOneMailPerTransition();

        // 7. `systemctl stop spare` on the master (SIGTERM, graceful): it hands the VIP to b, whose
        //    notify_master keeps HAProxy running there, and the client is served by b. Then b stops
        //    too and the VIP is gone.
        bCtl = b.ctlLines().size();
        assertThat(a.stopSpare()).as("a exits on SIGTERM").isTrue();
        // As keepalived's smtp_alert ("Stopping"), the mail about the stop goes out before the process ends.
        assertThat(scenario.spareMails(a)).extracting(ReferenceScenario.Mail::subject).contains(scenario.spareSubject(a, "stop"));
        scenario.awaitServedBy(b, Duration.ofSeconds(5));
        scenario.awaitCtlSince(b, bCtl, "start: ", Duration.ofSeconds(10));
        assertThat(b.stopSpare()).as("b exits on SIGTERM").isTrue();
        assertThat(a.holds(VIP) || b.holds(VIP)).as("a node still holds the VIP after Spare stopped").isFalse();
        System.out.printf("ReferenceScenarioIT: scenario took %d ms, crash failover %d ms%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis(), took.toMillis());
    }

    /** How long a takeover may take once a priority changed, for the node that gains it at {@code priority}. */
    private static Duration detection(Duration noticed, int priority) {
        Duration skew = ADVERT_INT.multipliedBy(256 - priority).dividedBy(256);
        return noticed.plus(ADVERT_INT.multipliedBy(3)).plus(skew).plus(MARGIN);
    }
}
