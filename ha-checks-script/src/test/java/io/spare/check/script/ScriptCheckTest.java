package io.spare.check.script;

import static io.spare.check.script.TestScripts.await;
import static io.spare.check.script.TestScripts.config;
import static io.spare.check.script.TestScripts.context;
import static io.spare.check.script.TestScripts.lines;
import static io.spare.check.script.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.testing.TestingPluginConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private HealthCheck create(Map<String, Object> values) throws Exception {
        return new ScriptCheckFactory(ScriptEnvironment.standard()).create(config(values), context(dir));
    }

    @Test
    void exitCodeZeroPassesAndAnythingElseFailsWithTheCodeAndTheFirstLineOfOutput() throws Exception {
        Path ok = script(dir, "ok.sh", "#!/bin/sh\necho fine\nexit 0\n");
        Path bad = script(dir, "bad.sh", "#!/bin/sh\necho 'stdout line'\necho '  haproxy: no process  ' >&2\necho second >&2\nexit 3\n");
        Path quiet = script(dir, "quiet.sh", "#!/bin/sh\necho 'only stdout'\nexit 1\n");

        CheckResult passed = create(Map.of("script", ok.toString())).run(TIMEOUT);
        CheckResult failed = create(Map.of("script", bad.toString())).run(TIMEOUT);
        CheckResult stdoutOnly = create(Map.of("script", quiet.toString())).run(TIMEOUT);

        assertThat(passed.ok()).isTrue();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).isEqualTo("exit code 3: haproxy: no process");
        assertThat(stdoutOnly.message()).isEqualTo("exit code 1: only stdout");
    }

    @Test
    void atTheTimeoutTheWholeProcessGroupIsKilledGrandchildrenIncluded() throws Exception {
        Path pidFile = dir.resolve("pgid");
        Path hang = script(dir, "hang.sh", """
                #!/bin/sh
                sleep 1000 &
                sh -c 'sleep 1000 & sleep 1000' &
                echo $$ > "$1"
                wait
                """);
        HealthCheck check = create(Map.of("script", List.of(hang.toString(), pidFile.toString())));

        CompletableFuture<CheckResult> run = CompletableFuture.supplyAsync(() -> runQuietly(check, Duration.ofSeconds(2)));
        assertThat(await(() -> !lines(pidFile).isEmpty(), TIMEOUT)).isTrue();
        long group = Long.parseLong(lines(pidFile).get(0).trim());
        // The script, its sleep, the inner sh and its two sleeps: all in the script's own group.
        assertThat(await(() -> TestScripts.groupMembers(group).size() >= 5, TIMEOUT)).isTrue();
        assertThat(group).isNotEqualTo(ProcFs.read(ProcessHandle.current().pid(), false).orElseThrow().processGroup());

        CheckResult result = run.get(10, TimeUnit.SECONDS);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("timed out after 2s");
        assertThat(TestScripts.groupMembers(group)).isEmpty();
        assertThat(check.counters()).containsEntry("runs", 1L).containsEntry("failures", 1L).containsEntry("timeouts", 1L);
        assertThat(check.counters().get("last_duration_ms")).isBetween(2000L, 5000L);
    }

    @Test
    void aGroupThatIgnoresSigtermIsKilledWithSigkill() throws Exception {
        Path pidFile = dir.resolve("pgid");
        Path stubborn = script(dir, "stubborn.sh", """
                #!/bin/sh
                trap '' TERM
                sleep 1000 &
                echo $$ > "$1"
                wait
                """);
        HealthCheck check = create(Map.of("script", List.of(stubborn.toString(), pidFile.toString())));

        CheckResult result = check.run(Duration.ofMillis(500));

        assertThat(result.message()).isEqualTo("timed out after 500ms");
        long group = Long.parseLong(lines(pidFile).get(0).trim());
        assertThat(TestScripts.groupMembers(group)).isEmpty();
    }

    @Test
    void anInterruptedRunKillsItsGroupToo() throws Exception {
        Path pidFile = dir.resolve("pgid");
        Path hang = script(dir, "hang.sh", "#!/bin/sh\nsleep 1000 &\necho $$ > \"$1\"\nwait\n");
        HealthCheck check = create(Map.of("script", List.of(hang.toString(), pidFile.toString())));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                check.run(Duration.ofSeconds(60));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        worker.start();
        assertThat(await(() -> !lines(pidFile).isEmpty(), TIMEOUT)).isTrue();
        long group = Long.parseLong(lines(pidFile).get(0).trim());

        worker.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(TestScripts.groupMembers(group)).isEmpty();
        assertThat(check.counters()).containsEntry("runs", 1L).containsEntry("timeouts", 1L);
    }

    @Test
    void aChattyScriptNeverBlocksOnAFullPipe() throws Exception {
        HealthCheck check = create(Map.of(
                "script", "head -c 20000000 /dev/zero; head -c 20000000 /dev/zero >&2; echo done",
                "shell", true));

        CheckResult result = check.run(Duration.ofSeconds(20));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(check.counters().get("last_duration_ms")).isLessThan(10_000L);
    }

    @Test
    void aStringIsSplitIntoWordsWithoutAShell() throws Exception {
        Path out = dir.resolve("args");
        Path args = script(dir, "args.sh", "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > \"$1\"\n");

        CheckResult result = create(Map.of("script", args + " " + out + " 'a b' \"c d\" e\\ f $HOME * ; true")).run(TIMEOUT);

        assertThat(result.ok()).isTrue();
        assertThat(lines(out)).containsExactly("[" + out + "]", "[a b]", "[c d]", "[e f]", "[$HOME]", "[*]", "[;]", "[true]");
    }

    @Test
    void anArgvListIsPassedAsIs() throws Exception {
        Path out = dir.resolve("args");
        Path args = script(dir, "args.sh", "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > \"$1\"\n");

        create(Map.of("script", List.of(args.toString(), out.toString(), "two words", "'quoted'"))).run(TIMEOUT);

        assertThat(lines(out)).containsExactly("[" + out + "]", "[two words]", "['quoted']");
    }

    @Test
    void withShellTrueTheReferenceMaintenanceExpressionWorks() throws Exception {
        Path down = dir.resolve("down");
        HealthCheck check = create(Map.of("script", "[ -f " + down + " ] && exit 1 || exit 0", "shell", true));

        assertThat(check.run(TIMEOUT).ok()).isTrue();
        Files.createFile(down);
        assertThat(check.run(TIMEOUT).message()).isEqualTo("exit code 1");
    }

    @Test
    void aBareNameIsFoundOnThePath() throws Exception {
        assertThat(create(Map.of("script", "true")).run(TIMEOUT).ok()).isTrue();
        assertThat(create(Map.of("script", "false")).run(TIMEOUT).message()).isEqualTo("exit code 1");
    }

    @Test
    void scriptsGetAMinimalEnvironment() throws Exception {
        Path out = dir.resolve("env");
        Path env = script(dir, "env.sh", "#!/bin/sh\n/usr/bin/env > \"$1\"\n");

        create(Map.of("script", List.of(env.toString(), out.toString()))).run(TIMEOUT);

        List<String> names = lines(out).stream().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(names).containsExactlyInAnyOrder("PATH", "HOME", "USER", "LOGNAME", "PWD");
        assertThat(lines(out)).contains("PATH=" + Executables.SYSTEM_PATH, "PWD=/");
    }

    @Test
    void aMissingScriptIsAWarningAndFailsAtRunTimeUntilItExists() throws Exception {
        Path later = dir.resolve("later.sh");
        TestingPluginConfig config = config(Map.of("script", later.toString()));

        HealthCheck check = new ScriptCheckFactory(ScriptEnvironment.standard()).create(config, context(dir));

        assertThat(config.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.key()).isEqualTo("script");
            assertThat(warning.message()).isEqualTo(later + " not found: it fails until it exists");
        });
        assertThat(check.run(TIMEOUT).message()).isEqualTo(later + " not found");
        script(dir, "later.sh", "#!/bin/sh\nexit 0\n");
        assertThat(check.run(TIMEOUT).ok()).isTrue();
        assertThat(check.counters()).containsEntry("runs", 2L).containsEntry("failures", 1L).containsEntry("timeouts", 0L);
    }

    @Test
    void runsAsTheConfiguredUser() throws Exception {
        io.spare.api.testing.Integration.requireRoot();
        TestScripts.chmod(dir, "rwxr-xr-x");
        Path who = script(dir, "who.sh", "#!/bin/sh\necho \"$(id -un):$(id -gn) $USER $HOME\" >&2\nexit 1\n");

        CheckResult result = create(Map.of("script", who.toString(), "user", "nobody:nogroup")).run(TIMEOUT);

        assertThat(result.message()).isEqualTo("exit code 1: nobody:nogroup nobody /nonexistent");
    }

    @Test
    void globalScriptUserAppliesUnlessTheCheckNamesItsOwn() throws Exception {
        io.spare.api.testing.Integration.requireRoot();
        TestScripts.chmod(dir, "rwxr-xr-x");
        Path who = script(dir, "who.sh", "#!/bin/sh\necho \"$(id -un)\" >&2\nexit 1\n");
        io.spare.api.PluginContext asNobody = io.spare.api.testing.TestingPluginContext.defaults(dir)
                .withScriptSecurity(new io.spare.api.ScriptSecurity(true, java.util.Optional.of("nobody"), java.util.Optional.empty()));
        io.spare.api.PluginContext unknown = io.spare.api.testing.TestingPluginContext.defaults(dir)
                .withScriptSecurity(new io.spare.api.ScriptSecurity(true, java.util.Optional.of("no-such-user-xyz"), java.util.Optional.empty()));
        ScriptCheckFactory factory = new ScriptCheckFactory(ScriptEnvironment.standard());

        assertThat(factory.create(config(Map.of("script", who.toString())), asNobody).run(TIMEOUT).message())
                .isEqualTo("exit code 1: nobody");
        assertThat(factory.create(config(Map.of("script", who.toString(), "user", "root")), asNobody).run(TIMEOUT).message())
                .isEqualTo("exit code 1: root");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> factory.create(config(Map.of("script", who.toString())), unknown))
                .hasMessage("unknown user no-such-user-xyz (global.script_user)");
    }

    @Test
    void badValuesAreConfigErrorsNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(Map.of("script", "x 'y")))
                .isInstanceOf(io.spare.api.PluginConfigException.class)
                .hasMessage("script: unterminated single quote at position 3 in 'x 'y'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(Map.of("script", List.of("a"), "shell", true)))
                .hasMessage("script: with shell: true must be one string");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(Map.of()))
                .hasMessage("script: is required");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(Map.of("script", "true", "user", "no-such-user-xyz")))
                .hasMessage("user: unknown user no-such-user-xyz");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(Map.of("script", "true", "scirpt", "x")))
                .hasMessageContaining("scirpt: unknown key (did you mean 'script'?)");
    }

    private static CheckResult runQuietly(HealthCheck check, Duration timeout) {
        try {
            return check.run(timeout);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
