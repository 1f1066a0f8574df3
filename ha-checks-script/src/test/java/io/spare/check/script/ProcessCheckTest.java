package io.spare.check.script;

import static io.spare.check.script.TestScripts.config;
import static io.spare.check.script.TestScripts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** Unique among the machine's processes: sleep sums its arguments, so this still sleeps ~1000 s. */
    private final String marker = "0.000" + ProcessHandle.current().pid() + System.nanoTime() % 100000;
    private Process sleeper;

    @BeforeEach
    void startSleeper() throws Exception {
        sleeper = new ProcessBuilder("/usr/bin/sleep", "1000", marker).start();
    }

    @AfterEach
    void stopSleeper() throws Exception {
        sleeper.destroyForcibly();
        sleeper.waitFor(5, TimeUnit.SECONDS);
    }

    private HealthCheck create(Map<String, Object> values) throws Exception {
        return new ProcessCheckFactory().create(config(values), context(dir));
    }

    @Test
    void countsTheProcessesMatchingNameAndArguments() throws Exception {
        HealthCheck check = create(Map.of("process", "sleep", "parameters", List.of("1000", marker)));

        CheckResult result = check.run(TIMEOUT);

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("sleep 1000 " + marker + ": 1 process running");
    }

    @Test
    void failsBelowQuorumAndAboveQuorumMax() throws Exception {
        CheckResult belowQuorum = create(Map.of("process", "sleep", "parameters", "1000 " + marker, "quorum", 2)).run(TIMEOUT);
        CheckResult notWanted = create(Map.of("process", "sleep", "parameters", "1000 " + marker, "quorum_max", 0)).run(TIMEOUT);

        assertThat(belowQuorum.ok()).isFalse();
        assertThat(belowQuorum.message()).isEqualTo("sleep 1000 " + marker + ": 1 process running, need at least 2");
        assertThat(notWanted.message()).isEqualTo("sleep 1000 " + marker + ": 1 process running, need none");
    }

    @Test
    void noticesTheProcessGoingAway() throws Exception {
        HealthCheck check = create(Map.of("process", "sleep", "parameters", List.of("1000", marker)));
        assertThat(check.run(TIMEOUT).ok()).isTrue();

        sleeper.destroyForcibly();
        sleeper.waitFor(5, TimeUnit.SECONDS);

        CheckResult result = check.run(TIMEOUT);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("sleep 1000 " + marker + ": 0 processes running, need 1");
        assertThat(check.counters()).containsEntry("runs", 2L).containsEntry("failures", 1L);
    }

    @Test
    void paramMatchPartialAndInitial() throws Exception {
        String prefix = marker.substring(0, marker.length() - 2);
        assertThat(create(Map.of("process", "sleep", "parameters", List.of("1000", prefix))).run(TIMEOUT).ok())
                .as("exact needs the whole argument").isFalse();
        assertThat(create(Map.of("process", "sleep", "parameters", List.of("1000", prefix), "param_match", "initial"))
                .run(TIMEOUT).ok()).isTrue();
        assertThat(create(Map.of("process", "sleep", "parameters", List.of("1000"), "param_match", "partial")).run(TIMEOUT).ok())
                .isTrue();
        assertThat(create(Map.of("process", "sleep", "parameters", List.of(marker), "param_match", "partial")).run(TIMEOUT).ok())
                .as("partial matches the first arguments, not any").isFalse();
    }

    @Test
    void matchesTheFullPathOfTheExecutable() throws Exception {
        assertThat(create(Map.of("process", "/usr/bin/sleep", "parameters", List.of("1000", marker))).run(TIMEOUT).ok()).isTrue();
        assertThat(create(Map.of("process", "/bin/sleep", "parameters", List.of("1000", marker))).run(TIMEOUT).ok()).isFalse();
    }

    @Test
    void badConfigurationIsReportedPerKey() {
        assertThatThrownBy(() -> create(Map.of())).hasMessage("process: is required");
        assertThatThrownBy(() -> create(Map.of("process", "x", "quorum", 3, "quorum_max", 2)))
                .hasMessage("quorum_max: must be 3..65535 (was 2)");
        assertThatThrownBy(() -> create(Map.of("process", "x", "param_match", "fuzzy")))
                .hasMessage("param_match: must be one of [exact, partial, initial] (was fuzzy)");
    }
}
