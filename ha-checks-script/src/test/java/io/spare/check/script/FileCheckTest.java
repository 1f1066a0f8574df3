package io.spare.check.script;

import static io.spare.check.script.TestScripts.config;
import static io.spare.check.script.TestScripts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.testing.TestingPluginConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private HealthCheck create(Map<String, Object> values) throws Exception {
        return new FileCheckFactory().create(config(values), context(dir));
    }

    @Test
    void theMaintenanceSwitchFlipsWithinOneSecondOfTouchAndRm() throws Exception {
        Path down = dir.resolve("down");
        Semaphore runNow = new Semaphore(0);
        try (HealthCheck check = create(Map.of("path", down.toString(), "exists", "fail"))) {
            check.start(runNow::release);
            assertThat(check.run(TIMEOUT).ok()).isTrue();

            Files.createFile(down);
            assertThat(runNow.tryAcquire(1, TimeUnit.SECONDS)).as("runNow after touch").isTrue();
            CheckResult drained = check.run(TIMEOUT);
            assertThat(drained.ok()).isFalse();
            assertThat(drained.message()).isEqualTo(down + " exists");

            runNow.drainPermits();
            Files.delete(down);
            assertThat(runNow.tryAcquire(1, TimeUnit.SECONDS)).as("runNow after rm").isTrue();
            assertThat(check.run(TIMEOUT).message()).isEqualTo(down + " does not exist");
            assertThat(check.run(TIMEOUT).ok()).isTrue();
        }
    }

    @Test
    void otherFilesInTheDirectoryDoNotTriggerARun() throws Exception {
        Semaphore runNow = new Semaphore(0);
        try (HealthCheck check = create(Map.of("path", dir.resolve("down").toString()))) {
            check.start(runNow::release);
            Files.createFile(dir.resolve("other"));
            Files.createFile(dir.resolve("down"));
            assertThat(runNow.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
            assertThat(runNow.tryAcquire(200, TimeUnit.MILLISECONDS)).as("only one event was about our file").isFalse();
        }
    }

    @Test
    void existsOkPassesOnlyWhileTheFileExists() throws Exception {
        Path up = dir.resolve("up");
        HealthCheck check = create(Map.of("path", "up", "exists", "ok"));

        assertThat(check.run(TIMEOUT).ok()).isFalse();
        Files.createFile(up);
        assertThat(check.run(TIMEOUT).ok()).isTrue();
        assertThat(check.counters()).containsEntry("runs", 2L).containsEntry("failures", 1L);
    }

    @Test
    void theFileCheckNeverForks() throws Exception {
        long before = ProcessHandle.current().children().count();
        HealthCheck check = create(Map.of("path", dir.resolve("down").toString()));
        check.start(() -> {});
        check.run(TIMEOUT);
        check.close();
        assertThat(ProcessHandle.current().children().count()).isEqualTo(before);
        for (Class<?> type : new Class<?>[] {FileCheck.class, FileCheckFactory.class, FileValue.class}) {
            String bytecode = classBytes(type);
            assertThat(bytecode).as(type.getSimpleName())
                    .doesNotContain("java/lang/ProcessBuilder")
                    .doesNotContain("java/lang/Runtime")
                    .doesNotContain("ProcessGroupRunner");
        }
    }

    @Test
    void modeValueReportsTheNumberInTheFileAsKeepalivedsTrackFile() throws Exception {
        Path file = dir.resolve("prio");
        Semaphore runNow = new Semaphore(0);
        try (HealthCheck check = create(Map.of("path", file.toString(), "mode", "value"))) {
            check.start(runNow::release);
            assertThat(check.run(TIMEOUT)).isEqualTo(CheckResult.value(0, file + " does not exist: value 0"));

            Files.writeString(file, "5\n");
            assertThat(runNow.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
            CheckResult five = check.run(TIMEOUT);
            assertThat(five.value()).isEqualTo(OptionalInt.of(5));
            assertThat(five.ok()).isFalse();
            assertThat(five.message()).isEqualTo("value 5 in " + file);

            Files.writeString(file, "  -0x10 trailing");
            assertThat(check.run(TIMEOUT).value()).isEqualTo(OptionalInt.of(-16));
            Files.writeString(file, "garbage");
            assertThat(check.run(TIMEOUT).value()).isEqualTo(OptionalInt.of(0));
            Files.writeString(file, "99999999999");
            assertThat(check.run(TIMEOUT).message()).isEqualTo("invalid number in " + file + ": 99999999999");
        }
    }

    @Test
    void badConfigurationIsReportedPerKey() {
        assertThatThrownBy(() -> create(Map.of())).hasMessage("path: is required");
        assertThatThrownBy(() -> create(Map.of("path", "x", "mode", "value", "exists", "ok")))
                .hasMessage("exists: applies to mode: exists only; mode: value reads the number in the file");
        assertThatThrownBy(() -> create(Map.of("path", "x", "exists", "maybe"))).hasMessage("exists: must be one of [fail, ok] (was maybe)");
    }

    @Test
    void aMissingDirectoryIsAWarningAndTheCheckStillWorks() throws Exception {
        TestingPluginConfig config = config(Map.of("path", dir.resolve("nodir/down").toString()));
        HealthCheck check = new FileCheckFactory().create(config, context(dir));

        check.start(() -> {});

        assertThat(config.warnings()).singleElement().satisfies(w -> assertThat(w.key()).isEqualTo("path"));
        assertThat(check.run(TIMEOUT).ok()).isTrue();
        check.close();
    }

    private static String classBytes(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
