package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.PluginConfigException;
import io.spare.api.ScriptSecurity;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check against a fake stats socket that answers with captures from a real HAProxy 2.6. */
class HaproxyStatsCheckTest {
    /** Scheduling slack on a loaded 2-core CI machine; still far below any hang. */
    private static final Duration MARGIN = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private FakeStatsSocket fake;

    @AfterEach
    void closeFake() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void aHealthyHaproxyPasses() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).answerWith("stat-all-up.csv");
        HealthCheck check = check(Map.of("frontends", List.of("http-in"), "backends", Map.of("web", Map.of("min_up", 2))));

        CheckResult result = check.run(Duration.ofSeconds(2));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("haproxy 2.6.12-1+deb12u4 answers; frontend http-in OPEN; backend web: 2/2 servers UP");
        assertThat(fake.commands()).containsExactly("show info", "show stat");
        assertThat(check.counters()).containsEntry("runs", 1L).containsEntry("failures", 0L);
    }

    @Test
    void allServersDownFailsWithTheNumbers() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).answerWith("stat-maint-drain.csv");
        HealthCheck check = check(Map.of("backends", Map.of("web", Map.of())));

        CheckResult result = check.run(Duration.ofSeconds(2));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("backend web: 0/2 servers UP, need 1");
        assertThat(check.counters()).containsEntry("failures", 1L).containsEntry("timeouts", 0L);
    }

    @Test
    void aTcpStatsSocketWorksToo() throws Exception {
        fake = FakeStatsSocket.tcp().answerWith("stat-all-up.csv");
        CheckResult result = check(Map.of("backends", Map.of("web", Map.of()))).run(Duration.ofSeconds(2));
        assertThat(result.ok()).as(result.message()).isTrue();
    }

    @Test
    void aHaproxyThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).silent(true);
        HealthCheck check = check(Map.of());

        long start = System.nanoTime();
        CheckResult result = check.run(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("haproxy: no answer to show info within 300ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofMillis(300).plus(MARGIN));
        assertThat(check.counters()).containsEntry("timeouts", 1L).containsEntry("failures", 1L);
    }

    @Test
    void theEngineCanInterruptARunThatWaitsOnHaproxy() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).silent(true);
        HealthCheck check = check(Map.of());
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            try {
                check.run(Duration.ofSeconds(30));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        while (fake.commands().isEmpty()) {
            Thread.onSpinWait();
        }
        worker.get().interrupt();
        assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void noSocketSaysSo() throws Exception {
        HealthCheck check = new HaproxyCheckFactory().create(
                TestingPluginConfig.of(Map.of("socket", dir.resolve("missing.sock").toString())), context());
        CheckResult result = check.run(Duration.ofSeconds(1));
        assertThat(result.message()).isEqualTo("haproxy: cannot connect to " + dir.resolve("missing.sock")
                + ": no such socket (is HAProxy running, with a stats socket there?)");
    }

    @Test
    void aSocketNobodyListensOnIsRefused() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock"));
        fake.close(); // the path is gone; make a stale socket file like a crashed HAProxy leaves
        Path stale = dir.resolve("stale.sock");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        fake = null;
        CheckResult result = new HaproxyCheckFactory().create(TestingPluginConfig.of(Map.of("socket", stale.toString())), context())
                .run(Duration.ofSeconds(1));
        assertThat(result.message()).isEqualTo("haproxy: cannot connect to " + stale + ": Connection refused");
    }

    @Test
    void anErrorAnswerIsNotMistakenForStats() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).answer("show info", "Permission denied\n\n");
        CheckResult result = check(Map.of()).run(Duration.ofSeconds(1));
        assertThat(result.message()).isEqualTo("haproxy: unexpected answer to show info: 'Permission denied'");
    }

    @Test
    void onFailRecoversAndTheRecheckIsReported() throws Exception {
        Path fixed = dir.resolve("fixed");
        Path log = serversDownUntil(fixed);
        Path script = script("echo ran >> " + log + "\ntouch " + fixed);
        HealthCheck check = check(Map.of("backends", Map.of("web", Map.of()), "on_fail", script.toString()));

        CheckResult result = check.run(Duration.ofSeconds(3));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("recovered by on_fail (backend web: 0/2 servers UP, need 1): "
                + "haproxy 2.6.12-1+deb12u4 answers; backend web: 2/2 servers UP");
        assertThat(Files.readAllLines(log)).containsExactly("ran");
        assertThat(check.counters()).containsEntry("on_fail_runs", 1L).containsEntry("failures", 0L);
    }

    @Test
    void onFailThatReturnsBeforeHaproxyListensStillRecovers() throws Exception {
        // As `haproxy -D` or a SysV init script: the command exits at once, HAProxy is ready later.
        Path fixed = dir.resolve("fixed");
        Path log = serversDownUntil(fixed);
        Path script = script("echo ran >> " + log + "\n(sleep 0.4; touch " + fixed + ") >/dev/null 2>&1 &");
        HealthCheck check = check(Map.of("backends", Map.of("web", Map.of()), "on_fail", script.toString()));

        CheckResult result = check.run(Duration.ofSeconds(3));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("recovered by on_fail (backend web: 0/2 servers UP, need 1)");
        assertThat(Files.readAllLines(log)).containsExactly("ran");
        assertThat(check.counters()).containsEntry("on_fail_runs", 1L).containsEntry("failures", 0L);
    }

    @Test
    void onFailRunsOncePerOutageNotAtEveryInterval() throws Exception {
        Path fixed = dir.resolve("fixed");
        Path log = serversDownUntil(fixed);
        HealthCheck check = check(Map.of("backends", Map.of("web", Map.of()), "on_fail", List.of(script("echo ran >> " + log).toString())));

        CheckResult first = check.run(Duration.ofSeconds(3));
        assertThat(first.message()).isEqualTo("backend web: 0/2 servers UP, need 1 (still failing after on_fail exited 0)");
        assertThat(check.run(Duration.ofSeconds(3)).message()).isEqualTo("backend web: 0/2 servers UP, need 1");
        assertThat(Files.readAllLines(log)).hasSize(1);

        Files.createFile(fixed);
        assertThat(check.run(Duration.ofSeconds(3)).ok()).isTrue();
        Files.delete(fixed);
        check.run(Duration.ofSeconds(3));
        assertThat(Files.readAllLines(log)).as("re-armed by the pass").hasSize(2);
        assertThat(check.counters()).containsEntry("runs", 4L).containsEntry("failures", 3L).containsEntry("on_fail_runs", 2L);
    }

    @Test
    void aHungOnFailIsKilledWithItsChildrenAndTheRunStaysInItsTimeout() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).answerWith("stat-maint-drain.csv");
        Path childPid = dir.resolve("child.pid");
        Path script = script("sleep 60 &\necho $! > " + childPid + "\nwait");
        HealthCheck check = check(Map.of("backends", Map.of("web", Map.of()), "on_fail", script.toString(), "on_fail_timeout", "500ms"));

        long start = System.nanoTime();
        CheckResult result = check.run(Duration.ofSeconds(3));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.message()).matches("backend web: 0/2 servers UP, need 1 \\(still failing after on_fail killed after [0-9.]+m?s\\)");
        assertThat(took).isLessThan(Duration.ofMillis(500).plus(Duration.ofMillis(500)).plus(MARGIN));
        long pid = Long.parseLong(Files.readString(childPid).trim());
        assertThat(eventuallyDead(pid)).as("the command's child was killed").isTrue();
        assertThat(check.counters()).containsEntry("on_fail_failures", 1L);
    }

    @Test
    void withOnFailAHungHaproxyStillCostsNoMoreThanTheTimeout() throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).silent(true);
        HealthCheck check = check(Map.of("on_fail", script("exit 3").toString()));

        long start = System.nanoTime();
        CheckResult result = check.run(Duration.ofMillis(900));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.message()).startsWith("haproxy: no answer to show info within ")
                .endsWith("(still failing after on_fail exited 3)");
        assertThat(took).isLessThan(Duration.ofMillis(900).plus(MARGIN));
        assertThat(check.counters()).containsEntry("timeouts", 2L).containsEntry("on_fail_failures", 1L);
    }

    /** A fake whose servers are all down until {@code fixed} exists; returns where scripts log. */
    private Path serversDownUntil(Path fixed) throws Exception {
        fake = new FakeStatsSocket(dir.resolve("admin.sock")).answerWith("stat-all-up.csv")
                .answer("show stat", () -> FakeStatsSocket.resource(Files.exists(fixed) ? "stat-all-up.csv" : "stat-maint-drain.csv"));
        return dir.resolve("on_fail.log");
    }

    /** Gone, or a zombie nobody reaped (PID 1 in a container may not): either way no longer running. */
    static boolean eventuallyDead(long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (java.io.IOException e) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private HealthCheck check(Map<String, Object> keys) throws PluginConfigException {
        Map<String, Object> block = new LinkedHashMap<>(keys);
        block.put("socket", fake.socketKey());
        return new HaproxyCheckFactory().create(TestingPluginConfig.of("checks.chk_haproxy", block), context());
    }

    private TestingPluginContext context() {
        return TestingPluginContext.defaults(dir).withScriptSecurity(new ScriptSecurity(false, Optional.empty(), Optional.empty()));
    }

    private Path script(String body) throws Exception {
        Path script = Files.createTempFile(dir, "on-fail-", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
