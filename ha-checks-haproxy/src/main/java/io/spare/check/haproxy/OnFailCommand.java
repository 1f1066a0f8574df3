package io.spare.check.haproxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the {@code on_fail} command (no shell) in a session of its own, so that on timeout its whole
 * process group can be killed, children included. A daemon it starts (HAProxy with {@code -D}) leaves
 * that group by itself and survives, as it should. Output goes to a temporary file rather than a
 * pipe: a daemon that inherits a pipe would keep it open forever.
 */
final class OnFailCommand {
    private static final Logger LOG = LogManager.getLogger(OnFailCommand.class);
    private static final int OUTPUT_TAIL_BYTES = 4096;
    private static final Duration TERM_GRACE = Duration.ofMillis(500);

    private final List<String> argv;
    private final Optional<Duration> timeout;
    private final Path workingDirectory;
    private final List<String> launcherPrefix;

    /**
     * @param argv the command and its arguments; argv[0] already resolved to an executable
     * @param timeout {@code on_fail_timeout}; empty: whatever the run has left
     * @param launcherPrefix what goes in front of argv (setsid, and runuser for {@code script_user})
     */
    OnFailCommand(List<String> argv, Optional<Duration> timeout, Path workingDirectory, List<String> launcherPrefix) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.workingDirectory = workingDirectory;
        this.launcherPrefix = List.copyOf(launcherPrefix);
    }

    List<String> argv() {
        return argv;
    }

    Optional<Duration> timeout() {
        return timeout;
    }

    /**
     * Runs the command for at most {@code on_fail_timeout}; killing it included, this returns within
     * {@code budget}.
     */
    CommandOutcome run(Duration budget) throws InterruptedException {
        Duration grace = TERM_GRACE.compareTo(budget.dividedBy(5)) < 0 ? TERM_GRACE : budget.dividedBy(5);
        Duration room = budget.minus(grace);
        Duration limit = timeout.isPresent() && timeout.get().compareTo(room) < 0 ? timeout.get() : room;
        long started = System.nanoTime();
        Path log;
        try {
            log = Files.createTempFile("spare-on-fail-", ".log");
        } catch (IOException e) {
            return new CommandOutcome(OptionalInt.empty(), false, Optional.of("cannot create an output file: " + e.getMessage()), "", Duration.ZERO);
        }
        try {
            List<String> command = new ArrayList<>(launcherPrefix);
            command.addAll(argv);
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(workingDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                return new CommandOutcome(OptionalInt.empty(), false, Optional.of(String.valueOf(e.getMessage())), "", Duration.ZERO);
            }
            boolean finished;
            try {
                finished = process.waitFor(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                killGroup(process, Duration.ZERO);
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!finished) {
                killGroup(process, grace);
            }
            return new CommandOutcome(
                    finished ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(), !finished, Optional.empty(), tail(log), took);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", log, e.getMessage());
            }
        }
    }

    /** SIGTERM to every process of the command's group, then SIGKILL to what is left after a grace. */
    private void killGroup(Process process, Duration grace) {
        long group = !launcherPrefix.isEmpty() && launcherPrefix.get(0).endsWith("/setsid") ? process.pid() : -1;
        List<ProcessHandle> members = group < 0 ? descendantsAndSelf(process) : groupMembers(group);
        members.forEach(ProcessHandle::destroy);
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < graceEnd && members.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            members = group < 0 ? descendantsAndSelf(process) : groupMembers(group);
        }
        (group < 0 ? descendantsAndSelf(process) : groupMembers(group)).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static List<ProcessHandle> descendantsAndSelf(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }

    /** The processes whose process group is {@code group}, from /proc (the JDK cannot signal a group). */
    static List<ProcessHandle> groupMembers(long group) {
        List<ProcessHandle> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so parse after the last ')'.
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // A zombie ('Z') is dead already; it only waits for a parent (or init) to reap it.
                    if (Long.parseLong(rest[2]) == group && !rest[0].equals("Z")) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(members::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list /proc to kill process group {}: {}", group, e.getMessage());
        }
        return members;
    }

    private static String tail(Path log) {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
            long size = channel.size();
            int length = (int) Math.min(size, OUTPUT_TAIL_BYTES);
            channel.position(size - length);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read the tail only: a chatty command must not fill the heap
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
