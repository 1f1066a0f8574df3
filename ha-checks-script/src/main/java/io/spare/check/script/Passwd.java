package io.spare.check.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code /etc/passwd} for what Java's user lookup does not tell: a user's primary group and
 * home. Users known only through NSS (LDAP) are not found here; the caller then asks for an
 * explicit group.
 */
final class Passwd {
    private static final Path FILE = Path.of("/etc/passwd");

    private Passwd() {}

    static Optional<String> primaryGroup(String user) {
        return field(user, 3);
    }

    static Optional<String> home(String user) {
        return field(user, 5);
    }

    private static Optional<String> field(String user, int index) {
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 7 && (fields[0].equals(user) || fields[2].equals(user))) {
                    return Optional.of(fields[index]);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
