package io.spare.check.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads processes straight from {@code /proc}: no {@code ps | grep} (which counts itself and races
 * with its own pipeline). A process that exits while it is being read is skipped.
 */
final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {}

    /**
     * One process.
     *
     * @param pid its id
     * @param comm its name as in {@code /proc/PID/comm} (at most 15 characters)
     * @param state its state letter ({@code R}, {@code S}, {@code Z}, ...)
     * @param processGroup its process group id
     * @param argv its command line; empty for kernel threads
     */
    record ProcessInfo(long pid, String comm, char state, long processGroup, List<String> argv) {
        ProcessInfo {
            argv = List.copyOf(argv);
        }

        boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** All processes that exist now, without their command lines (cheap). */
    static List<ProcessInfo> processes(boolean withArgv) {
        List<ProcessInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0)) || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                read(Long.parseLong(name), withArgv).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /** The live (non-zombie) members of a process group. */
    static List<Long> groupMembers(long processGroup) {
        List<Long> members = new ArrayList<>();
        for (ProcessInfo process : processes(false)) {
            if (process.processGroup() == processGroup && !process.zombie()) {
                members.add(process.pid());
            }
        }
        return members;
    }

    static Optional<ProcessInfo> read(long pid, boolean withArgv) {
        try {
            Path dir = PROC.resolve(Long.toString(pid));
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open) {
                return Optional.empty();
            }
            String comm = stat.substring(open + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            char state = rest[0].charAt(0);
            long group = Long.parseLong(rest[2]);
            List<String> argv = withArgv ? argv(Files.readAllBytes(dir.resolve("cmdline"))) : List.of();
            return Optional.of(new ProcessInfo(pid, comm, state, group, argv));
        } catch (IOException | RuntimeException e) {
            // Gone between listing and reading, or a kernel thread we may not read: skip it.
            return Optional.empty();
        }
    }

    private static List<String> argv(byte[] cmdline) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                words.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            words.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
        }
        return words;
    }
}
