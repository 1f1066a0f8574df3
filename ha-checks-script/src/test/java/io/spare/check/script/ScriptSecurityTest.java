package io.spare.check.script;

import static io.spare.check.script.TestScripts.chmod;
import static io.spare.check.script.TestScripts.config;
import static io.spare.check.script.TestScripts.context;
import static io.spare.check.script.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ConfigProblem;
import io.spare.api.HealthCheck;
import io.spare.api.PluginConfigException;
import io.spare.api.ScriptSecurity;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script security is on by default: scripts that someone but root could change are refused. */
class ScriptSecurityTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        // Ownership checks need files owned by root; CI and the dev machines run the tests as root.
        io.spare.api.testing.Integration.requireRoot();
    }

    private HealthCheck create(TestingPluginConfig config) throws PluginConfigException {
        return new ScriptCheckFactory(ScriptEnvironment.standard()).create(config, context(dir));
    }

    @Test
    void aSafeScriptIsAccepted() throws Exception {
        Path safe = script(dir, "safe.sh", "#!/bin/sh\nexit 0\n");
        TestingPluginConfig config = config(Map.of("script", safe.toString()));

        assertThat(create(config).run(Duration.ofSeconds(5)).ok()).isTrue();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void aWorldWritableScriptIsRefusedNamingThePath() {
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        chmod(script, "rwxr-xrwx");

        assertThatThrownBy(() -> create(config(Map.of("script", script + " arg"))))
                .isInstanceOfSatisfying(PluginConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(new ConfigProblem("script", script + " is world-writable")));
    }

    @Test
    void aScriptInAWorldWritableDirectoryIsRefused() {
        Path open = dir.resolve("open");
        Path script = script(createDirectory(open), "x.sh", "#!/bin/sh\nexit 0\n");
        chmod(open, "rwxrwxrwx");

        assertThatThrownBy(() -> create(config(Map.of("script", script.toString()))))
                .hasMessage("script: " + open + " is world-writable");
    }

    @Test
    void aStickyWorldWritableDirectoryLikeTmpIsAccepted() throws Exception {
        Path sticky = dir.resolve("sticky");
        Path script = script(createDirectory(sticky), "x.sh", "#!/bin/sh\nexit 0\n");
        Files.setAttribute(sticky, "unix:mode", 01777);

        assertThat(create(config(Map.of("script", script.toString()))).run(Duration.ofSeconds(5)).ok()).isTrue();
    }

    @Test
    void aGroupWritableScriptOfAnotherGroupIsRefused() throws Exception {
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        Files.setAttribute(script, "posix:group",
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup"));
        chmod(script, "rwxrwxr-x");

        assertThatThrownBy(() -> create(config(Map.of("script", script.toString()))))
                .hasMessage("script: " + script + " is group-writable (group nogroup)");
    }

    @Test
    void aScriptOwnedByAnotherUserIsRefusedUnlessItIsTheScriptUser() throws Exception {
        TestScripts.chmod(dir, "rwxr-xr-x");
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        Files.setOwner(script, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> create(config(Map.of("script", script.toString()))))
                .hasMessage("script: " + script + " is owned by nobody, not root");
        HealthCheck asNobody = create(config(Map.of("script", script.toString(), "user", "nobody")));
        assertThat(asNobody.run(Duration.ofSeconds(5)).ok()).isTrue();
    }

    @Test
    void aSymbolicLinkToAnUnsafeScriptIsRefused() throws Exception {
        Path open = dir.resolve("open");
        Path target = script(createDirectory(open), "real.sh", "#!/bin/sh\nexit 0\n");
        chmod(open, "rwxrwxrwx");
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), target);

        assertThatThrownBy(() -> create(config(Map.of("script", link.toString()))))
                .hasMessage("script: " + open + " is world-writable");
    }

    @Test
    void aScriptMadeUnsafeAfterStartupIsRefusedAtRunTime() throws Exception {
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        HealthCheck check = create(config(Map.of("script", script.toString())));
        chmod(script, "rwxr-xrwx");

        assertThat(check.run(Duration.ofSeconds(5)).message())
                .isEqualTo("refused by script security: " + script + " is world-writable");
    }

    @Test
    void withSecurityOffAnUnsafeScriptRunsWithAWarning() throws Exception {
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        chmod(script, "rwxr-xrwx");
        TestingPluginConfig config = config(Map.of("script", script.toString()));
        TestingPluginContext insecure = TestingPluginContext.defaults(dir)
                .withScriptSecurity(new ScriptSecurity(false, Optional.empty(), Optional.empty()));

        HealthCheck check = new ScriptCheckFactory(ScriptEnvironment.standard()).create(config, insecure);

        assertThat(check.run(Duration.ofSeconds(5)).ok()).isTrue();
        assertThat(config.warnings()).containsExactly(new ConfigProblem(
                "script", script + " is world-writable (allowed because enable_script_security is off)"));
    }

    @Test
    void withShellTrueOnlyTheShellIsCheckedAndThatIsAWarning() throws Exception {
        TestingPluginConfig config = config(Map.of("script", "exit 0", "shell", true));

        create(config);

        assertThat(config.warnings()).containsExactly(new ConfigProblem(
                "script", "with shell: true script security can check /bin/sh only, not the shell expression itself"));
    }

    @Test
    void theReferenceBashismIsAWarningWhenShIsNotBash() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Path.of("/bin/sh").toRealPath().getFileName().toString().equals("bash"),
                "only where /bin/sh is not bash (Debian's is dash)");
        TestingPluginConfig config = config(Map.of("script", "[[ -f /etc/keepalived/down ]] && exit 1 || exit 0", "shell", true));

        create(config);

        assertThat(config.warnings()).extracting(ConfigProblem::message).contains(
                "[[ ]] is bash syntax and /bin/sh is not bash here: write [ ] instead (or use type: file for a maintenance switch)");
    }

    @Test
    void aScriptThatIsNotExecutableIsAnError() {
        Path script = script(dir, "x.sh", "#!/bin/sh\nexit 0\n");
        chmod(script, "rw-r--r--");

        assertThatThrownBy(() -> create(config(Map.of("script", script.toString()))))
                .hasMessage("script: " + script + " is not executable");
    }

    @Test
    void aRelativeScriptIsRelativeToTheConfigDirectory() throws Exception {
        script(dir, "rel.sh", "#!/bin/sh\nexit 4\n");

        assertThat(create(config(Map.of("script", "./rel.sh"))).run(Duration.ofSeconds(5)).message()).isEqualTo("exit code 4");
    }

    private static Path createDirectory(Path path) {
        try {
            return Files.createDirectory(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
