package io.spare.check.script;

import io.spare.api.PluginContext;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers for tests that run real scripts. */
final class TestScripts {
    private TestScripts() {}

    /** Writes an executable script (mode 755). */
    static Path script(Path directory, String name, String content) {
        try {
            Path file = directory.resolve(name);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chmod(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PluginContext context(Path directory) {
        return TestingPluginContext.defaults(directory);
    }

    static TestingPluginConfig config(Map<String, Object> values) {
        return TestingPluginConfig.of("checks.test", values);
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    /** The live members of a process group, from {@code /proc}. */
    static List<Long> groupMembers(long group) {
        return ProcFs.groupMembers(group);
    }
}
