package io.spare.check.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ScriptSecurity;
import io.spare.api.testing.Integration;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAsTest {
    @TempDir
    Path dir;

    @Test
    void withoutAUserScriptsRunAsSpareItselfWithNoPrefix() throws Exception {
        RunAs runAs = RunAs.resolve("user", Optional.empty(), ScriptSecurity.defaults());

        assertThat(runAs.prefix()).isEmpty();
        assertThat(runAs.user()).isEqualTo(Files.getOwner(Path.of("/proc/self")).getName());
    }

    @Test
    void asRootAnotherUserIsReachedThroughSetpriv() throws Exception {
        Integration.requireRoot();

        RunAs runAs = RunAs.resolve("user", Optional.of("nobody nogroup"), ScriptSecurity.defaults());

        assertThat(runAs.prefix()).endsWith("--reuid=nobody", "--regid=nogroup", "--init-groups", "--");
        assertThat(runAs.environment()).containsEntry("USER", "nobody").containsEntry("HOME", "/nonexistent");
    }

    @Test
    void aSpareThatIsNotRootCannotRunScriptsAsSomeoneElse() throws Exception {
        Integration.requireRoot();
        Path self = Files.createFile(dir.resolve("self"));
        Files.setOwner(self, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Files.setAttribute(self, "posix:group", FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup"));

        assertThatThrownBy(() -> RunAs.resolve("user", Optional.of("root"), ScriptSecurity.defaults(), self))
                .hasMessage("user: Spare runs as nobody, not root, so it cannot run scripts as root");
        assertThat(RunAs.resolve("user", Optional.of("nobody"), ScriptSecurity.defaults(), self).prefix())
                .as("its own user needs no switch").isEmpty();
    }

    @Test
    void badSpecsAreConfigErrors() {
        assertThatThrownBy(() -> RunAs.resolve("notify_user", Optional.of("a b c"), ScriptSecurity.defaults()))
                .hasMessage("notify_user: must be 'user', 'user:group' or 'user group' (was a b c)");
        assertThatThrownBy(() -> RunAs.resolve("user", Optional.of("root:no-such-group-xyz"), ScriptSecurity.defaults()))
                .hasMessage("user: unknown group no-such-group-xyz");
    }
}
