package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.ScriptSecurity;
import io.spare.api.testing.Integration;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check against a real HAProxy (Debian's package), all on loopback. */
class HaproxyStatsCheckIT {
    private static HttpServer web1;
    private static HttpServer web2;

    @TempDir
    Path dir;

    private RealHaproxy haproxy;

    @BeforeAll
    static void webServers() throws Exception {
        Integration.requireCommand("haproxy");
        web1 = webServer();
        web2 = webServer();
    }

    @AfterAll
    static void stopWebServers() {
        if (web1 != null) {
            web1.stop(0);
        }
        if (web2 != null) {
            web2.stop(0);
        }
    }

    @BeforeEach
    void haproxy() throws Exception {
        haproxy = new RealHaproxy(dir, web1.getAddress().getPort(), web2.getAddress().getPort());
    }

    @AfterEach
    void stopHaproxy() throws Exception {
        haproxy.close();
    }

    @Test
    void healthyThenServersDisabledThenEnabledAgain() throws Exception {
        haproxy.start();
        HealthCheck check = check(Map.of("socket", haproxy.socket.toString(),
                "frontends", List.of("http-in"), "backends", Map.of("web", Map.of("min_up", 1))));

        CheckResult healthy = eventually(check, CheckResult::ok);
        assertThat(healthy.message()).matches("haproxy \\S+ answers; frontend http-in OPEN; backend web: 2/2 servers UP");

        haproxy.runtimeApi("disable server web/s1");
        haproxy.runtimeApi("disable server web/s2");
        CheckResult down = check.run(Duration.ofSeconds(2));
        assertThat(down.ok()).isFalse();
        assertThat(down.message()).isEqualTo("backend web: 0/2 servers UP, need 1");

        haproxy.runtimeApi("enable server web/s1");
        haproxy.runtimeApi("enable server web/s2");
        assertThat(eventually(check, CheckResult::ok).message()).endsWith("backend web: 2/2 servers UP");

        haproxy.runtimeApi("disable frontend http-in");
        assertThat(check.run(Duration.ofSeconds(2)).message()).matches("frontend http-in: (PAUSED|STOP), need OPEN");
    }

    @Test
    void theTcpStatsSocketAndPercentRule() throws Exception {
        haproxy.start();
        HealthCheck check = check(Map.of("socket", "ipv4@127.0.0.1:" + haproxy.tcpSocketPort,
                "backends", Map.of("web", Map.of("min_up_percent", 100))));
        assertThat(eventually(check, CheckResult::ok).message()).endsWith("backend web: 2/2 servers UP");
        haproxy.runtimeApi("disable server web/s2");
        assertThat(check.run(Duration.ofSeconds(2)).message()).isEqualTo("backend web: 1/2 servers UP (50%), need 100%");
    }

    @Test
    void aKilledHaproxyFails() throws Exception {
        Process process = haproxy.start();
        HealthCheck check = check(Map.of("socket", haproxy.socket.toString(), "backends", Map.of("web", Map.of())));
        eventually(check, CheckResult::ok);

        RealHaproxy.kill(process);

        CheckResult result = check.run(Duration.ofSeconds(2));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("haproxy: cannot connect to " + haproxy.socket + ": ");
    }

    @Test
    void onFailRestartsAKilledHaproxyAndTheCheckPassesAgain() throws Exception {
        Process process = haproxy.start();
        Path restart = haproxy.restartScript();
        HealthCheck check = check(Map.of("socket", haproxy.socket.toString(), "backends", Map.of("web", Map.of()),
                "on_fail", List.of(restart.toString()), "on_fail_timeout", "5s"));
        eventually(check, CheckResult::ok);

        RealHaproxy.kill(process);
        CheckResult result = check.run(Duration.ofSeconds(9));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("recovered by on_fail (haproxy: cannot connect to " + haproxy.socket)
                .endsWith("backend web: 2/2 servers UP");
        assertThat(check.counters()).containsEntry("on_fail_runs", 1L).containsEntry("failures", 0L);
        assertThat(haproxy.runtimeApi("show info")).contains("Name: HAProxy");
    }

    @Test
    void aStatsSocketThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (FakeStatsSocket hung = new FakeStatsSocket(dir.resolve("hung.sock")).silent(true)) {
            HealthCheck check = check(Map.of("socket", hung.path().toString()));
            long start = System.nanoTime();
            CheckResult result = check.run(Duration.ofMillis(500));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.message()).isEqualTo("haproxy: no answer to show info within 500ms");
            assertThat(took).isLessThan(Duration.ofMillis(900));
        }
    }

    @Test
    void theStatsPageWithAndWithoutTheRightPassword() throws Exception {
        haproxy.start();
        String url = "http://127.0.0.1:" + haproxy.statsPort + "/stats";
        Map<String, Object> keys = new LinkedHashMap<>(Map.of("url", url, "backends", Map.of("web", Map.of("min_up", 2))));
        keys.put("username", RealHaproxy.STATS_USER);
        keys.put("password", RealHaproxy.STATS_PASSWORD);
        CheckResult healthy = eventually(check(keys), CheckResult::ok);
        assertThat(healthy.message()).isEqualTo("haproxy stats page answers; backend web: 2/2 servers UP");

        keys.put("password", "not-the-password");
        CheckResult wrong = check(keys).run(Duration.ofSeconds(2));
        assertThat(wrong.message()).isEqualTo("haproxy: " + url + ";csv answered HTTP 401 Unauthorized: wrong username or password")
                .doesNotContain("not-the-password");

        CheckResult anonymous = check(Map.of("url", url)).run(Duration.ofSeconds(2));
        assertThat(anonymous.message()).contains("HTTP 401");
    }

    /** Polls with a deadline: HAProxy's health checks need a few intervals to settle. */
    private static CheckResult eventually(HealthCheck check, Predicate<CheckResult> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        CheckResult last = check.run(Duration.ofSeconds(2));
        while (!condition.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100); // integration test: waiting on a real HAProxy's 200ms check interval
            last = check.run(Duration.ofSeconds(2));
        }
        assertThat(condition.test(last)).as("last result: " + last.message()).isTrue();
        return last;
    }

    private HealthCheck check(Map<String, Object> keys) throws Exception {
        return new HaproxyCheckFactory().create(TestingPluginConfig.of("checks.chk_haproxy", keys),
                TestingPluginContext.defaults(dir).withScriptSecurity(ScriptSecurity.defaults()));
    }

    private static HttpServer webServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
