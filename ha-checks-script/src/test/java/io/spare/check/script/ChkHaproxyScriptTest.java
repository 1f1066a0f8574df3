package io.spare.check.script;

import static io.spare.check.script.TestScripts.config;
import static io.spare.check.script.TestScripts.context;
import static io.spare.check.script.TestScripts.lines;
import static io.spare.check.script.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference chk_haproxy.sh as a {@code type: script} check, unchanged but for its absolute paths. */
class ChkHaproxyScriptTest {
    @TempDir
    Path dir;

    private Path log;
    private Path pidFile;
    private Path startWorks;
    private HealthCheck check;

    @BeforeEach
    void setUp() throws Exception {
        Path seed = ScriptNotifierTest.SEED.resolve("chk_haproxy.sh");
        assertThat(seed).as("shared/seed beside the checkout").exists();
        log = dir.resolve("log");
        pidFile = dir.resolve("fake-haproxy.pid");
        startWorks = dir.resolve("start-works");
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Path initD = Files.createDirectories(stubs.resolve("init.d"));
        // A "started" HAProxy is a sleep called haproxy; it keeps the check's output pipe open, as a
        // careless daemon would.
        script(initD, "haproxy", "#!/bin/bash\necho \"haproxy $*\" >> " + log + "\n"
                + "if [ -e " + startWorks + " ]; then (exec -a \"haproxy -f " + dir + "/haproxy.cfg\" sleep 1000) & echo $! > "
                + pidFile + "; fi\n");
        // The real ps, narrowed to this test's processes, so that HAProxy (or a build of the haproxy
        // module) elsewhere on the machine cannot change the outcome.
        script(stubs, "ps", "#!/bin/sh\n/usr/bin/ps \"$@\" | grep -F -e " + dir + "\n");
        script(initD, "keepalived", "#!/bin/bash\necho \"keepalived $*\" >> " + log + "\n");
        String text = Files.readString(seed);
        assertThat(text).contains("/etc/init.d/haproxy", "/etc/init.d/keepalived");
        Path chk = script(dir, "chk_haproxy.sh", text.replace("/etc/init.d/", initD + "/"));
        check = new ScriptCheckFactory(new ScriptEnvironment(stubs + ":" + Executables.SYSTEM_PATH))
                .create(config(Map.of("script", chk.toString())), context(dir));
    }

    @AfterEach
    void killFakeHaproxy() {
        lines(pidFile).stream().findFirst()
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())))
                .ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void startsHaproxyWhenNoneRunsAndLeavesItRunning() throws Exception {
        Files.createFile(startWorks);

        CheckResult first = check.run(Duration.ofSeconds(5));
        CheckResult second = check.run(Duration.ofSeconds(5));

        assertThat(first.ok()).as(first.message()).isTrue();
        assertThat(second.ok()).isTrue();
        // The started daemon holds the pipe open; the check must not wait for it.
        assertThat(check.counters().get("last_duration_ms")).isLessThan(2000L);
        assertThat(lines(log)).as("the second run sees HAProxy running").containsExactly("haproxy start");
        long pid = Long.parseLong(lines(pidFile).get(0).trim());
        assertThat(ProcessHandle.of(pid)).as("the daemon survives the check's normal exit").isPresent();
    }

    @Test
    void stopsKeepalivedWhenHaproxyCannotStart() throws Exception {
        CheckResult result = check.run(Duration.ofSeconds(5));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(lines(log)).containsExactly("haproxy start", "keepalived stop");
    }
}
