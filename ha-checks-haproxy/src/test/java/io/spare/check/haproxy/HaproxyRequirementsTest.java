package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaproxyRequirementsTest {
    private static final ShowInfo RUNNING = info("0");

    @Test
    void allUpPassesAndSaysWhatItSaw() throws Exception {
        CheckResult result = requirements(List.of("http-in"), Map.of("web", rule(1, null, null, null)))
                .evaluate(snapshot("stat-all-up.csv"));
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("haproxy 2.6.12-1+deb12u4 answers; frontend http-in OPEN; backend web: 2/2 servers UP");
    }

    @Test
    void noServerUpNamesTheBackendWithNumbers() {
        HaproxySnapshot snapshot = rows(server("s1", "DOWN", false), server("s2", "MAINT", false), backend(0));
        CheckResult result = requirements(List.of(), Map.of("web", BackendRequirement.DEFAULT)).evaluate(snapshot);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("backend web: 0/2 servers UP, need 1");
    }

    @Test
    void backupServersAreNotCountedUnlessAskedFor() {
        HaproxySnapshot snapshot = rows(server("s1", "DOWN", false), server("s2", "DOWN", false), server("sorry", "UP", true), backend(0));
        assertThat(requirements(List.of(), Map.of("web", rule(1, null, null, null))).evaluate(snapshot).message())
                .isEqualTo("backend web: 0/2 servers UP, need 1");
        CheckResult counted = requirements(List.of(), Map.of("web", rule(1, null, true, null))).evaluate(snapshot);
        assertThat(counted.ok()).isTrue();
        assertThat(counted.message()).endsWith("backend web: 1/3 servers UP");
    }

    @Test
    void percentRoundsTowardsFailingAndShowsTheShare() {
        HaproxySnapshot snapshot = rows(server("s1", "UP", false), server("s2", "DOWN", false), server("s3", "DOWN", false),
                server("s4", "DOWN 1/2", false), backend(0));
        CheckResult result = requirements(List.of(), Map.of("web", rule(null, 50, null, null))).evaluate(snapshot);
        assertThat(result.message()).isEqualTo("backend web: 1/4 servers UP (25%), need 50%");
        HaproxySnapshot half = rows(server("s1", "UP", false), server("s2", "DOWN", false), backend(0));
        assertThat(requirements(List.of(), Map.of("web", rule(null, 50, null, null))).evaluate(half).ok()).isTrue();
        HaproxySnapshot empty = rows(backend(0));
        assertThat(requirements(List.of(), Map.of("web", rule(null, 50, null, null))).evaluate(empty).message())
                .isEqualTo("backend web: 0/0 servers UP (0%), need 50%");
    }

    @Test
    void maxSessionsNeedsTheBackendBelowTheLimit() {
        Map<String, BackendRequirement> limit = Map.of("web", rule(1, null, null, 100L));
        assertThat(requirements(List.of(), limit).evaluate(rows(server("s1", "UP", false), backend(99))).ok()).isTrue();
        assertThat(requirements(List.of(), limit).evaluate(rows(server("s1", "UP", false), backend(100))).message())
                .isEqualTo("backend web: 100 current sessions, need fewer than 100");
    }

    @Test
    void aStoppedFrontendAndMissingNamesAreEachReported() throws Exception {
        HaproxySnapshot snapshot = rows(
                new StatsRow("http-in", "FRONTEND", RowType.FRONTEND, "STOP", 0, false),
                new StatsRow("stats", "FRONTEND", RowType.FRONTEND, "OPEN", 0, false),
                server("s1", "UP", false), backend(0),
                new StatsRow("api", "BACKEND", RowType.BACKEND, "UP", 0, false));
        Map<String, BackendRequirement> backends = new LinkedHashMap<>();
        backends.put("web", BackendRequirement.DEFAULT);
        backends.put("static", BackendRequirement.DEFAULT);
        CheckResult result = requirements(List.of("http-in", "https-in"), backends).evaluate(snapshot);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("frontend http-in: STOP, need OPEN; "
                + "frontend https-in not found (have: http-in, stats); "
                + "backend static not found (have: api, web)");
    }

    @Test
    void stoppingFailsUnlessAllowed() {
        HaproxySnapshot stopping = new HaproxySnapshot(Optional.of(info("1")), List.of());
        assertThat(new HaproxyRequirements(List.of(), Map.of(), true).evaluate(stopping).message())
                .isEqualTo("haproxy: stopping (soft stop in progress)");
        assertThat(new HaproxyRequirements(List.of(), Map.of(), false).evaluate(stopping).ok()).isTrue();
    }

    @Test
    void theStatsPageHasNoShowInfo() {
        HaproxySnapshot page = new HaproxySnapshot(Optional.empty(), List.of(server("s1", "UP", false), backend(0)));
        assertThat(requirements(List.of(), Map.of("web", BackendRequirement.DEFAULT)).evaluate(page).message())
                .isEqualTo("haproxy stats page answers; backend web: 1/1 servers UP");
    }

    static BackendRequirement rule(Integer minUp, Integer percent, Boolean backup, Long maxSessions) {
        return new BackendRequirement(minUp, percent, backup, maxSessions);
    }

    private static HaproxyRequirements requirements(List<String> frontends, Map<String, BackendRequirement> backends) {
        return new HaproxyRequirements(frontends, backends, true);
    }

    private static HaproxySnapshot snapshot(String resource) throws Exception {
        return new HaproxySnapshot(Optional.of(ShowInfo.parse(FakeStatsSocket.resource("show-info.txt"))),
                StatsCsv.parse(FakeStatsSocket.resource(resource)));
    }

    private static HaproxySnapshot rows(StatsRow... rows) {
        return new HaproxySnapshot(Optional.of(RUNNING), new ArrayList<>(List.of(rows)));
    }

    private static StatsRow server(String name, String status, boolean backup) {
        return new StatsRow("web", name, RowType.SERVER, status, 0, backup);
    }

    private static StatsRow backend(long sessions) {
        return new StatsRow("web", "BACKEND", RowType.BACKEND, "UP", sessions, false);
    }

    private static ShowInfo info(String stopping) {
        try {
            return ShowInfo.parse("Name: HAProxy\nVersion: 2.6.12\nStopping: " + stopping + "\n");
        } catch (StatsFormatException e) {
            throw new AssertionError(e);
        }
    }
}
