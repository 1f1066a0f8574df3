package io.spare.api.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gates for integration tests. Locally a test that cannot get root or a tool is skipped; with
 * {@code SPARE_IT=required} (CI) it fails instead, so that nothing is skipped silently.
 */
public final class Integration {
    private Integration() {}

    public static boolean required() {
        return "required".equals(System.getenv("SPARE_IT"));
    }

    /** Root is needed for network namespaces, raw sockets and netlink changes. */
    public static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name")) || uid() == 0;
        need(root, "integration tests need root (network namespaces, raw sockets)");
    }

    /** A command on the PATH (or an absolute path) that the test runs. */
    public static void requireCommand(String command) {
        need(findCommand(command) != null, "integration test needs '" + command + "' (apt-get install it)");
    }

    public static Path findCommand(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? path : null;
        }
        String pathVar = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (pathVar + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static void need(boolean condition, String why) {
        if (condition) {
            return;
        }
        if (required()) {
            fail("SPARE_IT=required: " + why);
        }
        assumeTrue(false, why);
    }

    private static long uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown
        }
        return -1;
    }
}
