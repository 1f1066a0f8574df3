package io.spare.cli.it;

import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A VRRP daemon (Spare or keepalived) running in one host of a {@link FailoverLab}. */
abstract class VrrpNode {
    protected final FailoverLab lab;
    protected final NodeSpec spec;
    protected final Path log;
    private Process process;
    private boolean ended;
    private long logOffset;

    VrrpNode(FailoverLab lab, NodeSpec spec, String kind) {
        this.lab = lab;
        this.spec = spec;
        this.log = lab.work().resolve(spec.host() + "-" + kind + ".log");
    }

    abstract String kind();

    /** A log line that says the daemon runs VRRP (as BACKUP, before any election). */
    abstract String readyLine();

    /** Whether the daemon started by the last {@link #start()} has logged {@link #readyLine()}. */
    boolean ready() {
        return logged(readyLine());
    }

    /** Whether the daemon started by the last {@link #start()} has logged {@code text}. */
    boolean logged(String text) {
        try {
            byte[] all = Files.readAllBytes(log);
            String since = new String(all, (int) Math.min(logOffset, all.length), (int) Math.max(0, all.length - logOffset),
                    java.nio.charset.StandardCharsets.UTF_8);
            return since.contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the configuration and returns the command line. */
    protected abstract String[] command() throws IOException;

    String host() {
        return spec.host();
    }

    NodeSpec spec() {
        return spec;
    }

    Path log() {
        return log;
    }

    void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(this + " runs already");
        }
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        Files.writeString(log, "----- start " + java.time.Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = lab.network().start(spec.host(), log, command());
        ended = false;
    }

    /** Whether this node was told to end (SIGTERM or SIGKILL), whether or not it has exited yet. */
    boolean ended() {
        return ended;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as systemd stops a service. Does not wait. */
    void terminate() {
        ended = true;
        if (alive()) {
            process.destroy();
        }
    }

    /** Waits for the process to exit after {@link #terminate()}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM and wait for the graceful stop; SIGKILL if it hangs. */
    void stop() throws InterruptedException {
        terminate();
        if (!awaitExit(Duration.ofSeconds(15))) {
            kill();
        }
    }

    /** SIGKILL the daemon and every process it started, as a crash or power loss would. */
    void kill() {
        ended = true;
        if (process != null) {
            NetworkLab.killTree(process);
        }
    }

    @Override
    public String toString() {
        return kind() + "@" + spec.host() + "(prio " + spec.priority() + ")";
    }
}
