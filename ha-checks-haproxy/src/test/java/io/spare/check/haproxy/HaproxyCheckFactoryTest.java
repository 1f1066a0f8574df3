package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ConfigProblem;
import io.spare.api.HealthCheck;
import io.spare.api.PluginConfigException;
import io.spare.api.ScriptSecurity;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyCheckFactoryTest {
    @TempDir
    Path dir;

    private final HaproxyCheckFactory factory = new HaproxyCheckFactory();

    @Test
    void aFullBlockBinds() throws Exception {
        Path script = script("restart.sh", "rwxr-xr-x");
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("socket", "/run/haproxy/admin.sock");
        block.put("frontends", List.of("http-in"));
        block.put("backends", Map.of("web", Map.of("min_up", 2, "max_sessions", 500), "api", Map.of("min_up_percent", 50, "count_backup", true)));
        block.put("fail_if_stopping", false);
        block.put("on_fail", script + " --quiet");
        block.put("on_fail_timeout", "5s");
        HealthCheck check = factory.create(TestingPluginConfig.of("checks.chk_haproxy", block), context());
        assertThat(check).isInstanceOf(HaproxyStatsCheck.class);
        assertThat(check.toString()).isEqualTo("HaproxyStatsCheck[checks.chk_haproxy via /run/haproxy/admin.sock, on_fail " + script + " --quiet]");
        assertThat(check.counters()).containsOnlyKeys("runs", "failures", "timeouts", "on_fail_runs", "on_fail_failures");
    }

    @Test
    void defaultsAreOneServerUpAndNoBackupsAndFailWhileStopping() throws Exception {
        HaproxyCheckConfig config = TestingPluginConfig.of(Map.of("socket", "/s", "backends", new LinkedHashMap<>(Map.of("web", Map.of()))))
                .bind(HaproxyCheckConfig.class);
        assertThat(config.failIfStopping()).isTrue();
        assertThat(config.frontends()).isEmpty();
        assertThat(config.backends().get("web")).isEqualTo(new BackendRequirement(1, null, false, null));
        assertThat(config.onFail()).isNull();
        Map<String, Object> nullRule = new LinkedHashMap<>();
        nullRule.put("web", null);
        assertThat(factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "backends", nullRule)), context())).isNotNull();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKey() {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("socket", "admin.sock");
        block.put("password", "s3cret");
        block.put("backends", Map.of("web", Map.of("min_up", 0, "min_up_percent", 300, "max_sessions", 0)));
        block.put("frontends", List.of(" "));
        block.put("on_fail", "no-such-command-anywhere restart");
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(block), context()))
                .isInstanceOf(PluginConfigException.class)
                .satisfies(e -> assertThat(((PluginConfigException) e).problems()).containsExactlyInAnyOrder(
                        new ConfigProblem("password", "only with url: the stats socket has no login"),
                        new ConfigProblem("socket", "must be a socket path (/run/haproxy/admin.sock) or HOST:PORT (was 'admin.sock')"),
                        new ConfigProblem("frontends[0]", "must be a frontend name"),
                        new ConfigProblem("backends.web.min_up", "must be at least 1 (was 0)"),
                        new ConfigProblem("backends.web.min_up_percent", "must be 1..100 (was 300)"),
                        new ConfigProblem("backends.web.max_sessions", "must be at least 1 (was 0)"),
                        new ConfigProblem("on_fail", "'no-such-command-anywhere' is not an executable file on the PATH")))
                .message().doesNotContain("s3cret");
    }

    @Test
    void socketOrUrlButNotBoth() {
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of()), context()))
                .hasMessage("socket: set socket (HAProxy's stats socket, e.g. /run/haproxy/admin.sock) or url (its stats page)");
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "url", "http://lb/stats")), context()))
                .hasMessage("url: socket and url are exclusive: ask the runtime API or the stats page, not both");
    }

    @Test
    void unknownKeysGetAHint() {
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "backend", Map.of())), context()))
                .hasMessage("backend: unknown key (did you mean 'backends'?)");
    }

    @Test
    void urlWithAuthNeverShowsThePassword() throws Exception {
        Map<String, Object> block = Map.of("url", "http://127.0.0.1:8089/stats", "username", "admin", "password", "s3cret");
        HealthCheck check = factory.create(TestingPluginConfig.of(block), context());
        assertThat(check.toString()).isEqualTo("HaproxyStatsCheck[test via http://127.0.0.1:8089/stats;csv]");
        assertThat(block.toString()).contains("s3cret");
        assertThat(TestingPluginConfig.of(block).bind(HaproxyCheckConfig.class).toString())
                .doesNotContain("s3cret").contains("password=****");
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of("url", "http://lb/stats", "password", "s3cret")), context()))
                .hasMessage("password: needs username");
    }

    @Test
    void failIfStoppingWithAUrlIsAWarning() throws Exception {
        TestingPluginConfig config = TestingPluginConfig.of(Map.of("url", "http://lb/stats", "fail_if_stopping", true));
        factory.create(config, context());
        assertThat(config.warnings()).extracting(ConfigProblem::key).containsExactly("fail_if_stopping");
    }

    @Test
    void onFailTimeoutNeedsOnFail() {
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "on_fail_timeout", "5s")), context()))
                .hasMessage("on_fail_timeout: only with on_fail");
    }

    @Test
    void scriptSecurityRefusesAnOnFailOthersCouldReplace() throws Exception {
        Path unsafe = script("restart.sh", "rwxrwxrwx");
        TestingPluginContext secure = TestingPluginContext.defaults(dir).withScriptSecurity(ScriptSecurity.defaults());
        assertThatThrownBy(() -> factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "on_fail", List.of(unsafe.toString()))), secure))
                .hasMessage("on_fail: refused by enable_script_security: " + unsafe.toRealPath() + " is writable by everyone (mode 0777)");
        Path safe = script("safe.sh", "rwxr-xr-x");
        assertThat(factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "on_fail", List.of(safe.toString()))), secure)).isNotNull();
    }

    @Test
    void relativeOnFailPathsResolveAgainstTheConfigDirectory() throws Exception {
        script("restart.sh", "rwxr-xr-x");
        HealthCheck check = factory.create(TestingPluginConfig.of(Map.of("socket", "/s", "on_fail", "./restart.sh now")), context());
        assertThat(check.toString()).endsWith("on_fail " + dir.resolve("restart.sh") + " now]");
    }

    private TestingPluginContext context() {
        return TestingPluginContext.defaults(dir).withScriptSecurity(new ScriptSecurity(false, Optional.empty(), Optional.empty()));
    }

    private Path script(String name, String permissions) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString(permissions));
        return script;
    }
}
