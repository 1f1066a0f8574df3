package io.spare.check.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way {@code execvp} does, but without running anything. */
final class Executables {
    /** Where Spare looks for the helper programs it wraps scripts in. */
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Executables() {}

    /** The first executable regular file called {@code name} on {@code searchPath}. */
    static Optional<Path> onPath(String name, String searchPath) {
        for (String directory : searchPath.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A system helper ({@code setsid}, {@code setpriv}, {@code kill}) or empty if not installed. */
    static Optional<Path> system(String name) {
        return onPath(name, SYSTEM_PATH);
    }
}
