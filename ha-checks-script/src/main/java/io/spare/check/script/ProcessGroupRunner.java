package io.spare.check.script;

import io.spare.api.DurationText;
import io.spare.api.Ticker;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs one command in a process group of its own, so that its timeout can kill everything it
 * started, grandchildren in the background included.
 *
 * <p>Java cannot call {@code setsid()} between fork and exec, so the command is prefixed with
 * {@code setsid -w}: a child freshly spawned by the JVM is never a process group leader, so {@code
 * setsid} does not fork, makes itself the leader of a new session and process group, and execs the
 * command in place. The command's PID is therefore its process group id. At the timeout the group
 * gets SIGTERM, after a grace period SIGKILL (through {@code kill -- -PGID}, which signals the whole
 * group atomically, even members whose parent already died).
 *
 * <p>Standard input is {@code /dev/null}; standard output and error are drained without blocking by
 * the calling thread, which also watches the deadline, so no thread is left behind if a background
 * child keeps the pipes open.
 */
final class ProcessGroupRunner {
    private static final Logger LOG = LogManager.getLogger(ProcessGroupRunner.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Duration KILL_GRACE = Duration.ofMillis(500);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final Path setsid;
    private final Optional<Path> kill;
    private final Ticker ticker;

    ProcessGroupRunner(Path setsid, Optional<Path> kill, Ticker ticker) {
        this.setsid = setsid;
        this.kill = kill;
        this.ticker = ticker;
    }

    /** The clock runs are timed with. */
    Ticker ticker() {
        return ticker;
    }

    /** With the system's {@code setsid} and {@code kill}; empty if {@code setsid} is not installed. */
    static Optional<ProcessGroupRunner> system(Ticker ticker) {
        return Executables.system("setsid").map(setsid -> new ProcessGroupRunner(setsid, Executables.system("kill"), ticker));
    }

    /**
     * Runs {@code command} with exactly {@code environment}, waits for it up to {@code timeout}, and
     * kills its whole process group if it takes longer.
     *
     * @throws InterruptedException if the calling thread is interrupted; the process group is killed
     *     first
     */
    RunOutcome run(List<String> command, Map<String, String> environment, Duration timeout) throws InterruptedException {
        List<String> words = new ArrayList<>(command.size() + 2);
        words.add(setsid.toString());
        words.add("-w");
        words.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(words)
                .directory(new File("/"))
                .redirectInput(Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = ticker.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new RunOutcome(RunOutcome.Status.NOT_STARTED, -1, String.valueOf(e.getMessage()), since(start));
        }
        OutputCapture stdout = new OutputCapture(process.getInputStream());
        OutputCapture stderr = new OutputCapture(process.getErrorStream());
        long deadline = start + timeout.toNanos();
        try {
            while (true) {
                int drained = stdout.drain() + stderr.drain();
                if (!process.isAlive()) {
                    break;
                }
                long left = deadline - ticker.nanoTime();
                if (left <= 0) {
                    killGroup(process, stdout, stderr);
                    return new RunOutcome(RunOutcome.Status.TIMED_OUT, -1, firstLine(stderr, stdout), since(start));
                }
                if (drained == 0) {
                    process.waitFor(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            killGroup(process, stdout, stderr);
            throw e;
        }
        stdout.drain();
        stderr.drain();
        stdout.close();
        stderr.close();
        return new RunOutcome(RunOutcome.Status.EXITED, process.exitValue(), firstLine(stderr, stdout), since(start));
    }

    private Duration since(long start) {
        return Duration.ofNanos(ticker.nanoTime() - start);
    }

    private static String firstLine(OutputCapture stderr, OutputCapture stdout) {
        String line = stderr.firstLine();
        return line.isEmpty() ? stdout.firstLine() : line;
    }

    /**
     * SIGTERM to the group, SIGKILL to what is left after the grace period, then reaps the leader.
     * Runs to the end even if the thread is interrupted meanwhile: leaving processes behind is worse
     * than returning a little late.
     */
    private void killGroup(Process process, OutputCapture stdout, OutputCapture stderr) {
        boolean interrupted = Thread.interrupted();
        long group = process.pid();
        interrupted |= signal(group, "TERM");
        if (!awaitGroupGone(group, KILL_GRACE, stdout, stderr)) {
            interrupted |= signal(group, "KILL");
            if (!awaitGroupGone(group, KILL_WAIT, stdout, stderr)) {
                LOG.warn("process group {} survived SIGKILL for {}", group, DurationText.format(KILL_WAIT));
            }
        }
        // If setsid had not yet made the group when the deadline came, kill what we can see.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("process {} did not die after SIGKILL", group);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        stdout.close();
        stderr.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitGroupGone(long group, Duration limit, OutputCapture stdout, OutputCapture stderr) {
        long end = ticker.nanoTime() + limit.toNanos();
        while (true) {
            // Keep draining: a member blocked on a full pipe could not act on SIGTERM.
            stdout.drain();
            stderr.drain();
            if (ProcFs.groupMembers(group).isEmpty()) {
                return true;
            }
            if (ticker.nanoTime() - end >= 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Returns whether the thread was interrupted meanwhile (the flag is left clear). */
    private boolean signal(long group, String signal) {
        if (kill.isPresent()) {
            try {
                Process killer = new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + group)
                        .redirectOutput(Redirect.DISCARD)
                        .redirectError(Redirect.DISCARD)
                        .redirectInput(Redirect.from(new File("/dev/null")))
                        .start();
                if (killer.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
                killer.destroyForcibly();
            } catch (IOException e) {
                LOG.debug("kill -s {} -- -{} failed: {}", signal, group, e.getMessage());
            } catch (InterruptedException e) {
                signalMembers(group, signal);
                return true;
            }
        }
        signalMembers(group, signal);
        return false;
    }

    private static void signalMembers(long group, String signal) {
        // No kill(1): signal the members one by one, as found in /proc.
        for (long member : ProcFs.groupMembers(group)) {
            ProcessHandle.of(member).ifPresent(handle -> {
                if (signal.equals("KILL")) {
                    handle.destroyForcibly();
                } else {
                    handle.destroy();
                }
            });
        }
    }
}
