package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Spare nodes (v2 PASS, A priority 100, B 90) and what {@code spare status} and A's Prometheus
 * metrics say about them:
 * first in a quiet election, then while the client floods the segment with adverts that would
 * each win the election were they taken (wrong password, bad checksum, TTL 64, VRRPv3, cut short,
 * unknown VRID). The election must not notice; the status must show every kind counted.
 */
class SpareStatusIT {
    private static final Duration STARTUP = SpareFailoverScenarios.STARTUP;
    private static final Duration FLOOD = Duration.ofSeconds(4);
    private static final int PACKETS_PER_SECOND = 20_000;
    private static final int METRICS_PORT = 9650;

    private FailoverLab lab;

    @BeforeEach
    void createLab() throws Exception {
        lab = FailoverLab.forTestClass(Flavor.V2_PASS, getClass());
    }

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void statusShowsTheElectionAndAFloodOfJunkAdvertsChangesNothingButTheDropCounters() throws Exception {
        SpareNode a = lab.spare(lab.spec("a", 100)).withGlobal("metrics_listen", Flavor.ipv4("a") + ":" + METRICS_PORT);
        SpareNode b = lab.spare(lab.spec("b", 90));
        b.start();
        a.start();
        lab.awaitSoleHolder("a", STARTUP);
        lab.awaitReady(b, STARTUP);
        lab.await("B is BACKUP under A", STARTUP, () -> backupUnderA(b));

        JsonNode master = a.instanceStatus("VI_1");
        assertThat(master.path("state").asText()).isEqualTo("MASTER");
        assertThat(master.path("holds_vips").asBoolean()).isTrue();
        assertThat(master.path("vips").get(0).asText()).isEqualTo(lab.flavor().vipCidr());
        assertThat(master.path("counters").path("adverts_sent").asLong()).isPositive();
        assertThat(b.status()).contains("VI_1", "BACKUP", Flavor.ipv4("a") + " (100)", "maintenance", "ok");

        long transitionsA = transitions(a);
        long transitionsB = transitions(b);
        Path junkLog = lab.work().resolve("junk.log");
        Process junk = lab.network().startJava("client", junkLog, List.of("-Xmx64m"), JunkAdvertsMain.class.getName(),
                Flavor.ipv4("client"), Integer.toString(Flavor.VRID), "1111", lab.flavor().vip(),
                Integer.toString(PACKETS_PER_SECOND), Long.toString(FLOOD.toSeconds()));
        try {
            lab.assertSoleHolderFor("a", FLOOD.plusSeconds(1));
            assertThat(junk.waitFor(60, TimeUnit.SECONDS)).as("the flood ends").isTrue();
        } finally {
            junk.destroyForcibly();
        }
        assertThat(junk.exitValue()).as(Files.readString(junkLog)).isZero();
        assertThat(Files.readString(junkLog)).contains(" 0 failed");

        assertThat(transitions(a)).as("A's state changes during the flood\n" + lab.logs()).isEqualTo(transitionsA);
        assertThat(transitions(b)).as("B's state changes during the flood\n" + lab.logs()).isEqualTo(transitionsB);
        assertThat(backupUnderA(b)).as("B still follows A").isTrue();
        for (SpareNode node : List.of(a, b)) {
            JsonNode instance = node.instanceStatus("VI_1");
            JsonNode counters = instance.path("counters");
            for (String drop : List.of("channel_auth", "channel_checksum", "channel_ttl", "channel_truncated",
                    "channel_interface.unknown_vrid")) {
                assertThat(counters.path(drop).asLong()).as(node + " " + drop + " in " + counters).isPositive();
            }
            assertThat(instance.path("conditions").toString())
                    .as(node + "'s conditions").contains("version_mismatch: " + Flavor.ipv4("client") + " (v3)");
            assertThat(node.status()).contains("! version_mismatch: " + Flavor.ipv4("client"));
            assertThat(node.status("--counters")).contains("channel_auth ");
        }

        // what Prometheus scrapes from A, across the segment
        String metrics = lab.network().exec("client", "curl", "-sf", "--max-time", "10",
                "http://" + Flavor.ipv4("a") + ":" + METRICS_PORT + "/metrics");
        String labels = "instance=\"VI_1\",interface=\"eth0\",vrid=\"" + Flavor.VRID + "\"";
        assertThat(metrics).contains(
                "spare_vrrp_state{" + labels + ",spare_vrrp_state=\"MASTER\"} 1\n",
                "spare_vrrp_holds_vips{" + labels + "} 1.0\n",
                "spare_vrrp_condition{condition=\"version_mismatch\"," + labels + "} 1.0\n",
                "spare_check_ok{check=\"maintenance\"} 1.0\n");
        for (String reason : List.of("auth", "checksum", "ttl", "truncated")) {
            assertThat(metricValue(metrics, "spare_vrrp_adverts_dropped_total{instance=\"VI_1\",interface=\"eth0\",reason=\"" + reason
                    + "\",vrid=\"" + Flavor.VRID + "\"}")).as(reason + " drops").isPositive();
        }
        assertThat(metricValue(metrics, "spare_vrrp_interface_dropped_total{interface=\"eth0\",reason=\"unknown_vrid\"}")).isPositive();
    }

    private static double metricValue(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + metrics));
    }

    private static boolean backupUnderA(SpareNode b) {
        try {
            JsonNode instance = b.instanceStatus("VI_1");
            return instance.path("state").asText().equals("BACKUP")
                    && instance.path("master").path("address").asText().equals(Flavor.ipv4("a"))
                    && instance.path("master").path("priority").asInt() == 100;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private static long transitions(VrrpNode node) throws Exception {
        try (var lines = Files.lines(node.log())) {
            return lines.filter(l -> l.contains("Entering ")).count();
        }
    }
}
