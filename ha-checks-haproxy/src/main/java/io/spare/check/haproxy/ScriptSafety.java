package io.spare.check.haproxy;

import io.spare.api.ScriptSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's {@code enable_script_security}, for the {@code on_fail} command: refuse an executable
 * that someone other than root (or the script user) could replace, because Spare runs it as root.
 * Unsafe: the file, or any directory above it, writable by others, by a group other than root, or by
 * an owning user other than root and the script user. A world-writable directory with the sticky bit
 * ({@code /tmp}) is accepted, since others cannot replace what they do not own there.
 */
final class ScriptSafety {
    private ScriptSafety() {}

    /** Why {@code executable} is unsafe, or empty if it is safe or security is off. */
    static Optional<String> problem(Path executable, ScriptSecurity security) {
        if (!security.enabled()) {
            return Optional.empty();
        }
        Optional<Integer> scriptUid = security.user().flatMap(ScriptSafety::uidOf);
        Path current = executable.toAbsolutePath().normalize();
        try {
            current = current.toRealPath();
        } catch (IOException e) {
            return Optional.of(executable + " cannot be read: " + e.getMessage());
        }
        boolean file = true;
        for (Path p = current; p != null; p = p.getParent()) {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode");
                int uid = (Integer) Files.getAttribute(p, "unix:uid");
                int gid = (Integer) Files.getAttribute(p, "unix:gid");
                boolean sticky = !file && (mode & 01000) != 0;
                String what = file ? "" : " (a directory above it)";
                if ((mode & 0002) != 0 && !sticky) {
                    return Optional.of(p + what + " is writable by everyone (mode " + octal(mode) + ")");
                }
                if ((mode & 0020) != 0 && gid != 0 && !sticky) {
                    return Optional.of(p + what + " is writable by group " + gid + " (mode " + octal(mode) + ")");
                }
                if ((mode & 0200) != 0 && uid != 0 && scriptUid.map(s -> s != uid).orElse(true)) {
                    return Optional.of(p + what + " is writable by its owner, uid " + uid + ", who is not root");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.of("cannot read the permissions of " + p + ": " + e.getMessage());
            }
            file = false;
        }
        return Optional.empty();
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    private static Optional<Integer> uidOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 2 && fields[0].equals(user)) {
                    return Optional.of(Integer.parseInt(fields[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
