package io.spare.engine.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The files an {@code include} pattern names, as keepalived finds them with glob(3): relative
 * patterns start at the including file's directory, each path segment may hold {@code * ? [...]}
 * and {@code {a,b}}, a wildcard does not match a leading dot, matches come sorted, and directories
 * and executable files are skipped.
 */
final class IncludeGlob {
    private IncludeGlob() {}

    /**
     * @param files the regular files to read, in order
     * @param skipped why matches were left out, one sentence each
     */
    record Expansion(List<Path> files, List<String> skipped) {}

    static boolean hasWildcards(String pattern) {
        for (char c : pattern.toCharArray()) {
            if ("*?[{".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    static Expansion expand(Path directory, String pattern) throws IOException {
        List<Path> current = new ArrayList<>();
        String relative = pattern;
        if (pattern.startsWith("/")) {
            current.add(directory.getRoot());
            relative = pattern.substring(1);
        } else {
            current.add(directory);
        }
        for (String segment : relative.split("/+")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            try {
                current = hasWildcards(segment) ? matchSegment(current, segment) : resolveSegment(current, segment);
            } catch (PatternSyntaxException e) {
                return new Expansion(List.of(), List.of("'" + segment + "' is not a valid glob pattern: " + e.getDescription()));
            } catch (InvalidPathException e) {
                return new Expansion(List.of(), List.of("'" + segment + "' is not a valid path: " + e.getReason()));
            }
        }
        current.sort(Comparator.comparing(Path::toString));
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path match : current) {
            if (Files.isDirectory(match)) {
                skipped.add(match + " is a directory - skipped");
            } else if (!Files.isRegularFile(match)) {
                skipped.add(match + " is not a regular file - skipped");
            } else if (executable(match)) {
                skipped.add(match + " is executable - skipped, as keepalived does");
            } else {
                files.add(match);
            }
        }
        return new Expansion(List.copyOf(files), List.copyOf(skipped));
    }

    private static List<Path> resolveSegment(List<Path> bases, String segment) {
        List<Path> next = new ArrayList<>();
        for (Path base : bases) {
            Path candidate = base.resolve(segment);
            if (Files.exists(candidate)) {
                next.add(candidate);
            }
        }
        return next;
    }

    private static List<Path> matchSegment(List<Path> bases, String segment) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment);
        boolean matchDotFiles = segment.startsWith(".");
        List<Path> next = new ArrayList<>();
        for (Path base : bases) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if ((matchDotFiles || !name.startsWith(".")) && matcher.matches(entry.getFileName())) {
                        next.add(entry);
                    }
                }
            }
        }
        return next;
    }

    private static boolean executable(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
