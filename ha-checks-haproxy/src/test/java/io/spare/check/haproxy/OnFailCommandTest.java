package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.ScriptSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnFailCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsInASessionOfItsOwnAndAsTheScriptUser() {
        assertThat(CommandLine.launcherPrefix(new ScriptSecurity(true, Optional.empty(), Optional.empty())))
                .containsExactly("/usr/bin/setsid");
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(CommandLine.launcherPrefix(new ScriptSecurity(true, Optional.of("nobody"), Optional.of("nogroup"))))
                    .containsExactly("/usr/bin/setsid", "/usr/sbin/runuser", "-u", "nobody", "-g", "nogroup", "--");
        }
    }

    @Test
    void reportsExitCodeAndOutput() throws Exception {
        CommandOutcome outcome = command("echo restarting haproxy; echo no config >&2; exit 4", Optional.empty())
                .run(Duration.ofSeconds(5));
        assertThat(outcome.exitCode()).hasValue(4);
        assertThat(outcome.describe()).isEqualTo("exited 4");
        assertThat(outcome.output()).isEqualTo("restarting haproxy\nno config");
    }

    @Test
    void aMissingInterpreterIsACouldNotStart() throws Exception {
        Path script = dir.resolve("broken.sh");
        Files.writeString(script, "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandOutcome outcome = new OnFailCommand(List.of(script.toString()), Optional.empty(), dir, List.of()).run(Duration.ofSeconds(5));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.describe()).startsWith("could not start: ");
    }

    @Test
    void anInterruptKillsTheCommandAndItsChildren() throws Exception {
        Path childPid = dir.resolve("child.pid");
        OnFailCommand command = command("sleep 60 &\necho $! > " + childPid + "\nwait", Optional.empty());
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            try {
                command.run(Duration.ofSeconds(60));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        while (!Files.exists(childPid) || Files.readString(childPid).isBlank()) {
            Thread.onSpinWait();
        }
        worker.get().interrupt();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(HaproxyStatsCheckTest.eventuallyDead(Long.parseLong(Files.readString(childPid).trim()))).isTrue();
    }

    @Test
    void onFailTimeoutIsCappedByTheBudget() throws Exception {
        long start = System.nanoTime();
        CommandOutcome outcome = command("sleep 60", Optional.of(Duration.ofSeconds(30))).run(Duration.ofMillis(500));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500 + 700));
        assertThat(outcome.describe()).startsWith("killed after ");
    }

    private OnFailCommand command(String body, Optional<Duration> timeout) throws Exception {
        Path script = Files.createTempFile(dir, "cmd-", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new OnFailCommand(List.of(script.toString()), timeout, dir,
                CommandLine.launcherPrefix(new ScriptSecurity(false, Optional.empty(), Optional.empty())));
    }
}
