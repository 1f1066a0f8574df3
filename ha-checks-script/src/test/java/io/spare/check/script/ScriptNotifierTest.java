package io.spare.check.script;

import static io.spare.check.script.TestScripts.await;
import static io.spare.check.script.TestScripts.context;
import static io.spare.check.script.TestScripts.lines;
import static io.spare.check.script.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ConfigProblem;
import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import io.spare.api.testing.TestingPluginConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the reference notify.sh, unchanged but for its absolute paths, against recording stubs. */
class ScriptNotifierTest {
    static final Path SEED = Path.of("../../shared/seed");

    @TempDir
    Path dir;

    private Path log;
    private Path stubs;
    private Path notifySh;

    @BeforeEach
    void stubs() throws Exception {
        assertThat(SEED.resolve("notify.sh")).as("shared/seed beside the checkout").exists();
        log = dir.resolve("log");
        stubs = Files.createDirectory(dir.resolve("stubs"));
        Path lock = dir.resolve("running");
        // mail is notify.sh's first command and the generic hook the last of a transition: a second
        // transition starting before the first ended finds the lock taken.
        script(stubs, "mail", "#!/bin/sh\nmkdir " + lock + " 2>/dev/null || echo OVERLAP >> " + log + "\n"
                + "cat > /dev/null\necho \"mail $*\" >> " + log + "\n");
        script(stubs, "hostname", "#!/bin/sh\necho testhost\n");
        script(stubs, "rc.d-haproxy", "#!/bin/sh\necho \"haproxy $*\" >> " + log + "\n");
        script(stubs, "generic", "#!/bin/sh\necho \"generic $* from=$SPARE_FROM_STATE\" >> " + log + "\nrmdir " + lock + "\n");
        String seed = Files.readString(SEED.resolve("notify.sh"));
        assertThat(seed).contains("/etc/rc.d/init.d/haproxy");
        // Paths adapted, nothing else.
        notifySh = script(dir, "notify.sh", seed.replace("/etc/rc.d/init.d/haproxy", stubs.resolve("rc.d-haproxy").toString()));
    }

    private Notifier create(Map<String, Object> values) throws Exception {
        ScriptEnvironment environment = new ScriptEnvironment(stubs + ":" + Executables.SYSTEM_PATH);
        return new ScriptNotifierFactory(environment).create(TestingPluginConfig.of("instances.VI_1", values), context(dir));
    }

    private Map<String, Object> referenceHooks() {
        Map<String, Object> hooks = new HashMap<>();
        hooks.put("notify_master", notifySh + " master 192.168.80.114");
        hooks.put("notify_backup", notifySh + " backup 192.168.80.114");
        hooks.put("notify_fault", notifySh + " fault 192.168.80.114");
        hooks.put("notify", stubs.resolve("generic").toString());
        return hooks;
    }

    @Test
    void twentyRapidTransitionsReachTheStubsInExactOrderAndNeverOverlap() throws Exception {
        Notifier notifier = create(referenceHooks());
        VrrpState[] cycle = {VrrpState.MASTER, VrrpState.BACKUP, VrrpState.FAULT};
        List<String> expected = new ArrayList<>();
        VrrpState from = VrrpState.INIT;

        for (int i = 0; i < 20; i++) {
            VrrpState to = cycle[i % cycle.length];
            notifier.notify(transition(from, to, 100));
            String state = to.name().toLowerCase(Locale.ROOT);
            expected.add("mail -s testhost to be " + state + ":  floating root104@localhost");
            expected.add("haproxy " + (to == VrrpState.MASTER ? "start" : "stop"));
            expected.add("generic INSTANCE VI_1 " + to + " 100 from=" + from);
            from = to;
        }

        assertThat(lines(log)).containsExactlyElementsOf(expected);
    }

    @Test
    void concurrentCallersAreStillServedOneAtATime() throws Exception {
        Notifier notifier = create(referenceHooks());
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            VrrpState to = i % 2 == 0 ? VrrpState.MASTER : VrrpState.BACKUP;
            callers.add(CompletableFuture.runAsync(() -> {
                try {
                    notifier.notify(transition(VrrpState.INIT, to, 100));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(lines(log)).hasSize(18).doesNotContain("OVERLAP");
    }

    @Test
    void theGenericHookGetsKeepalivedsArgumentsAndEveryHookTheSpareVariables() throws Exception {
        Path out = dir.resolve("generic-out");
        Path generic = script(dir, "all.sh", "#!/bin/sh\necho \"$*\" > " + out + "\nenv | grep ^SPARE_ | sort >> " + out + "\n");
        Notifier notifier = create(Map.of("notify", generic + " extra"));
        StateTransition transition = new StateTransition(StateTransition.Scope.INSTANCE, "VI_1", Optional.of("G1"), VrrpState.BACKUP,
                VrrpState.MASTER, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("192.168.80.114")), VirtualAddress.of(InetAddress.getByName("10.0.0.1"), 24)),
                "master down timer expired", Instant.parse("2026-01-01T00:00:00Z"));

        notifier.notify(transition);

        assertThat(lines(out)).containsExactly(
                "extra INSTANCE VI_1 MASTER 100",
                "SPARE_FROM_STATE=BACKUP",
                "SPARE_GROUP=G1",
                "SPARE_INSTANCE=VI_1",
                "SPARE_PRIORITY=100",
                "SPARE_REASON=master down timer expired",
                "SPARE_SCOPE=INSTANCE",
                "SPARE_STATE=MASTER",
                "SPARE_VIPS=192.168.80.114/32 10.0.0.1/24");
    }

    @Test
    void aGroupTransitionSaysGroup() throws Exception {
        Path out = dir.resolve("generic-out");
        Path generic = script(dir, "all.sh", "#!/bin/sh\necho \"$* [$SPARE_GROUP] [$SPARE_INSTANCE]\" >> " + out + "\n");
        Notifier notifier = create(Map.of("notify", generic.toString(), "notify_stop", List.of(generic.toString(), "stopping")));

        notifier.notify(new StateTransition(StateTransition.Scope.GROUP, "G1", Optional.empty(), VrrpState.MASTER, VrrpState.STOP, 0,
                List.of(), "shutdown", Instant.now()));

        assertThat(lines(out)).containsExactly("stopping [G1] []", "GROUP G1 STOP 0 [G1] []");
    }

    @Test
    void aHungHookIsKilledAtItsTimeoutWithItsGroupAndTheNextTransitionRuns() throws Exception {
        Path pidFile = dir.resolve("pgid");
        Path hang = script(dir, "hang.sh", "#!/bin/sh\nsleep 1000 &\necho $$ > " + pidFile + "\nwait\n");
        Map<String, Object> hooks = new HashMap<>(referenceHooks());
        hooks.put("notify_master", hang.toString());
        hooks.put("notify_timeout", "1s");
        Notifier notifier = create(hooks);
        script(stubs, "generic", "#!/bin/sh\necho \"generic $*\" >> " + log + "\n");

        long start = System.nanoTime();
        assertThatThrownBy(() -> notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, 100)))
                .hasMessage("instance VI_1 MASTER: notify_master: timed out after 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        long group = Long.parseLong(lines(pidFile).get(0).trim());
        assertThat(TestScripts.groupMembers(group)).isEmpty();

        notifier.notify(transition(VrrpState.MASTER, VrrpState.BACKUP, 100));

        assertThat(lines(log)).containsExactly(
                "generic INSTANCE VI_1 MASTER 100",
                "mail -s testhost to be backup:  floating root104@localhost",
                "haproxy stop",
                "generic INSTANCE VI_1 BACKUP 100");
        assertThat(notifier.timeout()).isEqualTo(Duration.ofSeconds(1 + 5 + 1 + 5 + 1));
    }

    @Test
    void closeKillsARunningHook() throws Exception {
        Path pidFile = dir.resolve("pgid");
        Path hang = script(dir, "hang.sh", "#!/bin/sh\nsleep 1000 &\necho $$ > " + pidFile + "\nwait\n");
        Notifier notifier = create(Map.of("notify_master", hang.toString()));
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, 100));
            } catch (Exception e) {
                // Interrupted by close: expected.
            }
        });
        assertThat(await(() -> !lines(pidFile).isEmpty(), Duration.ofSeconds(5))).isTrue();
        long group = Long.parseLong(lines(pidFile).get(0).trim());

        notifier.close();

        running.get(10, TimeUnit.SECONDS);
        assertThat(TestScripts.groupMembers(group)).isEmpty();
    }

    @Test
    void theDefaultTimeoutIsThirtySecondsPerHook() throws Exception {
        assertThat(create(Map.of("notify_master", "true")).timeout()).isEqualTo(Duration.ofSeconds(30 + 5 + 1));
        assertThat(create(Map.of("notify_master", "true", "notify", "true")).timeout()).isEqualTo(Duration.ofSeconds(2 * 35 + 1));
    }

    @Test
    void configProblemsAreReportedPerKeyAllAtOnce() throws Exception {
        Path unsafe = script(dir, "unsafe.sh", "#!/bin/sh\nexit 0\n");
        TestScripts.chmod(unsafe, "rwxrwxrwx");
        Map<String, Object> values = new HashMap<>();
        values.put("notify_mastr", "true");
        values.put("notify_timeout", "soon");
        values.put("notify_backup", unsafe.toString());

        assertThatThrownBy(() -> create(values)).isInstanceOfSatisfying(io.spare.api.PluginConfigException.class,
                e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new ConfigProblem("notify_mastr", "unknown key (did you mean 'notify_master'?)"),
                        new ConfigProblem("notify_timeout", "must be a positive duration like 10s, 500ms or 1m (was soon)")));
        values.remove("notify_mastr");
        values.remove("notify_timeout");
        assertThatThrownBy(() -> create(values)).hasMessage("notify_backup: " + unsafe + " is world-writable");
    }

    @Test
    void aMissingHookIsAWarningAndFailsWhenRun() throws Exception {
        TestingPluginConfig config = TestingPluginConfig.of("instances.VI_1", Map.of("notify_fault", dir + "/missing.sh fault"));
        Notifier notifier = new ScriptNotifierFactory(ScriptEnvironment.standard()).create(config, context(dir));

        assertThat(config.warnings()).containsExactly(
                new ConfigProblem("notify_fault", dir + "/missing.sh not found: it fails until it exists"));
        assertThatThrownBy(() -> notifier.notify(transition(VrrpState.MASTER, VrrpState.FAULT, 100)))
                .hasMessage("instance VI_1 FAULT: notify_fault: " + dir + "/missing.sh not found");
    }

    static StateTransition transition(VrrpState from, VrrpState to, int priority) throws Exception {
        return new StateTransition(StateTransition.Scope.INSTANCE, "VI_1", Optional.empty(), from, to, priority,
                List.of(VirtualAddress.of(InetAddress.getByName("192.168.80.114"))), "test", Instant.now());
    }
}
