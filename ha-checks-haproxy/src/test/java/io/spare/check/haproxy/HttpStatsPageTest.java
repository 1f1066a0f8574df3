package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stats page path, against a JDK HTTP server that serves a captured CSV behind basic auth. */
class HttpStatsPageTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String body = FakeStatsSocket.resource("stat-all-up.csv");

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpContext stats = server.createContext("/stats", exchange -> {
            paths.add(exchange.getRequestURI().toString());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stats.setAuthenticator(new BasicAuthenticator("HAProxy Statistics") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals("admin") && password.equals("s3cret");
            }
        });
        server.createContext("/hung", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void readsTheCsvWithBasicAuth() throws Exception {
        CheckResult result = check("/stats", "admin", "s3cret", Map.of("backends", Map.of("web", Map.of("min_up", 2))))
                .run(Duration.ofSeconds(2));
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("haproxy stats page answers; backend web: 2/2 servers UP");
        assertThat(paths).containsExactly("/stats;csv");
    }

    @Test
    void aWrongPasswordNames401AndNeverThePassword() throws Exception {
        CheckResult result = check("/stats", "admin", "wrong-pass", Map.of()).run(Duration.ofSeconds(2));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("haproxy: " + url("/stats;csv") + " answered HTTP 401 Unauthorized: wrong username or password")
                .doesNotContain("wrong-pass");
        CheckResult anonymous = check("/stats", null, null, Map.of()).run(Duration.ofSeconds(2));
        assertThat(anonymous.message()).endsWith("answered HTTP 401 Unauthorized: set username and password");
    }

    @Test
    void serversDownOnThePage() throws Exception {
        body = FakeStatsSocket.resource("stat-maint-drain.csv");
        CheckResult result = check("/stats", "admin", "s3cret", Map.of("backends", Map.of("web", Map.of()))).run(Duration.ofSeconds(2));
        assertThat(result.message()).isEqualTo("backend web: 0/2 servers UP, need 1");
    }

    @Test
    void anHtmlPageIsNotStats() throws Exception {
        body = "<html><body>Statistics Report</body></html>";
        CheckResult result = check("/stats", "admin", "s3cret", Map.of()).run(Duration.ofSeconds(2));
        assertThat(result.message()).isEqualTo("haproxy: not a stats CSV: HAProxy answered '<html><body>Statistics Report</body></html>'");
    }

    @Test
    void aPageThatNeverAnswersFailsWithinTheTimeout() throws Exception {
        HealthCheck check = check("/hung", null, null, Map.of());
        long start = System.nanoTime();
        CheckResult result = check.run(Duration.ofMillis(400));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.message()).isEqualTo("haproxy: no answer from " + url("/hung;csv") + " within 400ms");
        assertThat(took).isLessThan(Duration.ofMillis(800));
        assertThat(check.counters()).containsEntry("timeouts", 1L);
    }

    @Test
    void nothingListeningIsAFailure() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        CheckResult result = check("/stats", null, null, Map.of()).run(Duration.ofSeconds(2));
        assertThat(result.message()).isEqualTo("haproxy: cannot fetch http://127.0.0.1:" + port + "/stats;csv: connection refused");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private HealthCheck check(String path, String user, String password, Map<String, Object> keys) throws Exception {
        Map<String, Object> block = new LinkedHashMap<>(keys);
        block.put("url", url(path));
        if (user != null) {
            block.put("username", user);
            block.put("password", password);
        }
        return new HaproxyCheckFactory().create(TestingPluginConfig.of(block), TestingPluginContext.defaults(dir));
    }
}
