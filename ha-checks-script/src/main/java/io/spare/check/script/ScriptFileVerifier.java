package io.spare.check.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;

/**
 * Script security, as keepalived's {@code enable_script_security}: a script that someone other
 * than root (or the script user) could change is refused. Checked for the script and every
 * directory above it, once along the path as written and once along its real path, because a
 * symbolic link in a writable directory is as dangerous as the script itself.
 *
 * <p>An entry is unsafe when it is owned by a user other than root and the script user, or when it
 * is writable by others, or by a group other than root's and the script user's. A directory with
 * the sticky bit ({@code /tmp}) may be world-writable: nobody else can replace a file in it.
 */
final class ScriptFileVerifier {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;

    private final RunAs runAs;

    ScriptFileVerifier(RunAs runAs) {
        this.runAs = runAs;
    }

    /**
     * @return why the script is unsafe, naming the path ({@code /tmp/x.sh is world-writable}), or
     *     empty if it is safe
     * @throws NoSuchFileException if the script or a directory above it does not exist
     */
    Optional<String> unsafeReason(Path script) throws IOException {
        Path absolute = script.toAbsolutePath().normalize();
        Optional<String> reason = checkChain(absolute);
        if (reason.isPresent()) {
            return reason;
        }
        Path real = absolute.toRealPath();
        if (!Files.isRegularFile(real)) {
            return Optional.of(absolute + " is not a regular file");
        }
        return real.equals(absolute) ? Optional.empty() : checkChain(real);
    }

    private Optional<String> checkChain(Path path) throws IOException {
        Path current = path.getRoot();
        Optional<String> reason = checkEntry(current);
        for (Path name : path) {
            if (reason.isPresent()) {
                return reason;
            }
            current = current.resolve(name);
            reason = checkEntry(current);
        }
        return reason;
    }

    private Optional<String> checkEntry(Path entry) throws IOException {
        Map<String, Object> unix = Files.readAttributes(entry, "unix:mode,uid,gid,owner,group", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int type = mode & S_IFMT;
        UserPrincipal owner = (UserPrincipal) unix.get("owner");
        GroupPrincipal group = (GroupPrincipal) unix.get("group");
        if ((Integer) unix.get("uid") != 0 && !owner.equals(runAs.userPrincipal())) {
            return Optional.of(entry + " is owned by " + owner.getName() + ", not root"
                    + (runAs.user().equals("root") ? "" : " or " + runAs.user()));
        }
        if (type == S_IFLNK || (type == S_IFDIR && (mode & S_ISVTX) != 0)) {
            // A link's own mode means nothing; a sticky directory protects the files in it.
            return Optional.empty();
        }
        if (type != S_IFDIR && type != S_IFREG) {
            return Optional.of(entry + " is neither a directory nor a regular file");
        }
        if ((mode & S_IWOTH) != 0) {
            return Optional.of(entry + " is world-writable");
        }
        if ((mode & S_IWGRP) != 0 && (Integer) unix.get("gid") != 0 && !group.equals(runAs.groupPrincipal())) {
            return Optional.of(entry + " is group-writable (group " + group.getName() + ")");
        }
        return Optional.empty();
    }
}
