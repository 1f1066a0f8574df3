package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ConfigProblem;
import io.spare.api.DidYouMean;
import io.spare.api.PluginConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A plugin binding its block to its own record, and its problems located in spare.yaml. */
class BlockPluginConfigTest {

    enum Mode {
        FAIL_OPEN,
        FAIL_CLOSED
    }

    record Backend(String name, int minUp, Optional<Duration> grace) {}

    record SampleConfig(
            Path script,
            String user,
            Duration timeoutExtra,
            int retries,
            long bytes,
            double ratio,
            boolean verbose,
            Boolean flag,
            Mode mode,
            List<String> args,
            Map<String, Backend> backends,
            List<Backend> servers,
            Optional<String> label,
            OptionalInt port,
            Backend primary) {
        SampleConfig {
            if (retries > 100) {
                throw new IllegalArgumentException("retries must be 0..100 (was " + retries + ")");
            }
        }
    }

    record Small(String script, int retries) {}

    private static final String FULL_BLOCK = """
            checks:
              chk:
                type: sample
                script: /etc/spare/chk.sh
                user: 0123
                timeout_extra: 1.5s
                retries: 3
                bytes: 5000000000
                ratio: 0.25
                verbose: true
                mode: fail-open
                args: [-v, --fast]
                backends:
                  web: {name: web, min_up: 2, grace: 500ms}
                servers:
                  - {name: a, min_up: 1}
                label: blue
                port: 8080
                primary: {name: p, min_up: 1}
            """;

    private final List<ConfigDiagnostic> warnings = new ArrayList<>();

    private BlockPluginConfig checkBlock(String checks) throws ConfigException {
        LoadedConfig loaded = TestingConfig.load(checks + TestingConfig.MINIMAL_INSTANCE);
        return new BlockPluginConfig(loaded.config().checks().get("chk").options(), loaded.sourceMap(), warnings::add);
    }

    private List<String> bindProblems(BlockPluginConfig config, Class<?> type) {
        PluginConfigException[] thrown = new PluginConfigException[1];
        assertThatThrownBy(() -> config.bind(type)).isInstanceOfSatisfying(PluginConfigException.class, e -> thrown[0] = e);
        return config.diagnostics(thrown[0]).stream().map(ConfigDiagnostic::format).toList();
    }

    @Test
    void bindsEverySupportedType() throws Exception {
        SampleConfig sample = checkBlock(FULL_BLOCK).bind(SampleConfig.class);

        assertThat(sample.script()).isEqualTo(Path.of("/etc/spare/chk.sh"));
        assertThat(sample.user()).as("a number where a string is expected stays as written").isEqualTo("0123");
        assertThat(sample.timeoutExtra()).isEqualTo(Duration.ofMillis(1500));
        assertThat(sample.retries()).isEqualTo(3);
        assertThat(sample.bytes()).isEqualTo(5_000_000_000L);
        assertThat(sample.ratio()).isEqualTo(0.25);
        assertThat(sample.verbose()).isTrue();
        assertThat(sample.flag()).isNull();
        assertThat(sample.mode()).isEqualTo(Mode.FAIL_OPEN);
        assertThat(sample.args()).containsExactly("-v", "--fast");
        assertThat(sample.backends()).containsExactly(Map.entry("web", new Backend("web", 2, Optional.of(Duration.ofMillis(500)))));
        assertThat(sample.servers()).containsExactly(new Backend("a", 1, Optional.empty()));
        assertThat(sample.label()).contains("blue");
        assertThat(sample.port()).hasValue(8080);
        assertThat(sample.primary()).isEqualTo(new Backend("p", 1, Optional.empty()));
    }

    @Test
    void missingKeysBindNullZeroFalseAndEmpty() throws Exception {
        SampleConfig sample = checkBlock("checks:\n  chk: {type: sample}\n").bind(SampleConfig.class);

        assertThat(sample.script()).isNull();
        assertThat(sample.user()).isNull();
        assertThat(sample.timeoutExtra()).isNull();
        assertThat(sample.retries()).isZero();
        assertThat(sample.bytes()).isZero();
        assertThat(sample.ratio()).isZero();
        assertThat(sample.verbose()).isFalse();
        assertThat(sample.flag()).isNull();
        assertThat(sample.mode()).isNull();
        assertThat(sample.args()).isNull();
        assertThat(sample.label()).isEmpty();
        assertThat(sample.port()).isEmpty();
        assertThat(sample.primary()).isNull();
    }

    @Test
    void sharedCheckKeysAreNotInThePluginBlock() throws Exception {
        BlockPluginConfig config = checkBlock("checks:\n  chk: {type: sample, interval: 2s, weight: 3, script: /x}\n");

        assertThat(config.path()).isEqualTo("checks.chk");
        assertThat(config.keys()).containsExactly("script");
    }

    @Test
    void unknownKeysAtEveryDepthAreLocatedWithDidYouMean() throws Exception {
        BlockPluginConfig config = checkBlock("""
                checks:
                  chk:
                    type: sample
                    scrpt: /x
                    backends:
                      web: {name: web, min_upp: 2}
                    servers:
                      - {name: a, grace_time: 1s}
                """);

        assertThat(bindProblems(config, SampleConfig.class)).containsExactly(
                "spare.yaml:4:5: checks.chk.scrpt: unknown key `scrpt`; did you mean `script`?",
                "spare.yaml:6:24: checks.chk.backends.web.min_upp: unknown key `min_upp`; did you mean `min_up`?",
                "spare.yaml:8:19: checks.chk.servers[0].grace_time: unknown key `grace_time`; did you mean `grace`?");
    }

    @Test
    void everyWrongValueIsReportedAtOnceAtTheValue() throws Exception {
        BlockPluginConfig config = checkBlock("""
                checks:
                  chk:
                    type: sample
                    retries: many
                    mode: sideways
                    timeout_extra: soon
                    verbose: [yes]
                    port: 1.5
                    servers:
                      - {name: a, min_up: 1}
                      - {name: b, min_up: two}
                """);

        assertThat(bindProblems(config, SampleConfig.class)).containsExactly(
                "spare.yaml:4:14: checks.chk.retries: expected a whole number, found 'many'",
                "spare.yaml:5:11: checks.chk.mode: expected one of fail_open, fail_closed (was 'sideways')",
                "spare.yaml:6:20: checks.chk.timeout_extra: expected " + Durations.EXPECTED + ", found 'soon'",
                "spare.yaml:7:14: checks.chk.verbose: expected true or false",
                "spare.yaml:8:11: checks.chk.port: expected a whole number, found '1.5'",
                "spare.yaml:11:27: checks.chk.servers[1].min_up: expected a whole number, found 'two'");
    }

    @Test
    void enumsIgnoreCaseAndDashes() throws Exception {
        assertThat(checkBlock("checks:\n  chk: {type: sample, mode: FAIL_Closed}\n").bind(SampleConfig.class).mode())
                .isEqualTo(Mode.FAIL_CLOSED);
        assertThat(checkBlock("checks:\n  chk: {type: sample, mode: fail-closed}\n").bind(SampleConfig.class).mode())
                .isEqualTo(Mode.FAIL_CLOSED);
    }

    @Test
    void durationsInEveryForm() throws Exception {
        for (Map.Entry<String, Duration> form : Map.of(
                "2s", Duration.ofSeconds(2),
                "500ms", Duration.ofMillis(500),
                "1.5s", Duration.ofMillis(1500),
                "1m", Duration.ofMinutes(1),
                "3", Duration.ofSeconds(3),
                "0.25", Duration.ofMillis(250)).entrySet()) {
            assertThat(checkBlock("checks:\n  chk: {type: sample, timeout_extra: " + form.getKey() + "}\n")
                    .bind(SampleConfig.class).timeoutExtra()).as(form.getKey()).isEqualTo(form.getValue());
        }
    }

    @Test
    void aSingleValueIsAListOfOne() throws Exception {
        assertThat(checkBlock("checks:\n  chk: {type: sample, args: -v}\n").bind(SampleConfig.class).args()).containsExactly("-v");
    }

    @Test
    void theRecordsOwnRuleIsReportedAtTheBlock() throws Exception {
        assertThat(bindProblems(checkBlock("checks:\n  chk: {type: sample, retries: 300}\n"), SampleConfig.class))
                .containsExactly("spare.yaml:2:3: checks.chk: retries must be 0..100 (was 300)");
    }

    @Test
    void aPluginsOwnProblemsAreLocatedByKey() throws Exception {
        BlockPluginConfig config = checkBlock(FULL_BLOCK);
        PluginConfigException problems = new PluginConfigException(List.of(
                new ConfigProblem("backends.web.min_up", "must be 1..100 (was 2)"),
                new ConfigProblem("url", "required"),
                new ConfigProblem("", "script and url are exclusive")));

        assertThat(config.diagnostics(problems)).extracting(ConfigDiagnostic::format).containsExactly(
                "spare.yaml:2:3: checks.chk.url: required",
                "spare.yaml:2:3: checks.chk: script and url are exclusive",
                "spare.yaml:14:32: checks.chk.backends.web.min_up: must be 1..100 (was 2)");
    }

    @Test
    void warningsAreLocated() throws Exception {
        BlockPluginConfig config = checkBlock(FULL_BLOCK);

        config.warn("retries", "3 retries make the check slow");

        assertThat(warnings).extracting(ConfigDiagnostic::format)
                .containsExactly("spare.yaml:7:14: warning: checks.chk.retries: 3 retries make the check slow");
    }

    @Test
    void notifyHooksAndMailKeysBindTheSameWay() throws Exception {
        record Hooks(String notifyMaster, Duration notifyTimeout) {}
        record Mail(List<String> notificationEmail, String smtpServer, boolean smtpStarttls) {}
        LoadedConfig loaded = TestingConfig.load("""
                global:
                  notification_email: [a@example.com]
                  smtp_server: mail.example.com
                  smtp_starttls: true
                  router_id: r1
                """ + TestingConfig.instanceWith("notify_master: /bin/master\nnotify_timeout: 5s\n"));

        Hooks hooks = new BlockPluginConfig(loaded.config().instances().get("VI_1").notifyHooks(), loaded.sourceMap(), warnings::add)
                .bind(Hooks.class);
        Mail mail = new BlockPluginConfig(loaded.config().global().mail(), loaded.sourceMap(), warnings::add).bind(Mail.class);

        assertThat(hooks).isEqualTo(new Hooks("/bin/master", Duration.ofSeconds(5)));
        assertThat(mail).isEqualTo(new Mail(List.of("a@example.com"), "mail.example.com", true));
    }

    @Test
    void unknownHookKeyPointsAtTheInstanceLine() throws Exception {
        record Hooks(String notifyMaster) {}
        LoadedConfig loaded = TestingConfig.load(TestingConfig.instanceWith("notify_mastr: /bin/master\n"));
        BlockPluginConfig hooks = new BlockPluginConfig(loaded.config().instances().get("VI_1").notifyHooks(), loaded.sourceMap(),
                warnings::add);

        assertThat(bindProblems(hooks, Hooks.class))
                .containsExactly("spare.yaml:6:5: instances.VI_1.notify_mastr: unknown key `notify_mastr`; did you mean `notify_master`?");
    }

    @Test
    void aBlockWithoutPositionsStillReportsItsPath() throws Exception {
        ConfigBlock block = new ConfigBlock("checks.x",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("retries", "x"));
        BlockPluginConfig config = new BlockPluginConfig(block, SourceMap.empty(Path.of("spare.yaml")), warnings::add);

        assertThat(bindProblems(config, Small.class))
                .containsExactly("spare.yaml:1:1: checks.x.retries: expected a whole number, found 'x'");
    }

    @Test
    void secretValuesAreNeverEchoed() throws Exception {
        record Secretive(int apiToken, List<String> password) {}
        assertThat(bindProblems(checkBlock("checks:\n  chk: {type: sample, api_token: hunter2, password: {a: b}}\n"), Secretive.class))
                .containsExactly(
                        "spare.yaml:2:34: checks.chk.api_token: expected a whole number",
                        "spare.yaml:2:53: checks.chk.password: expected a list, found a mapping");
    }
}
