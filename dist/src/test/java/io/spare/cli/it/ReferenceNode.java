package io.spare.cli.it;

import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One load balancer of {@link ReferenceScenarioIT}: a host of the lab with its web backend, its
 * HAProxy (started and stopped by pidfile through {@code haproxyctl.sh}, the node's init script)
 * and Spare with the reference configuration, the tutorial's notify.sh as hooks. Everything it
 * writes is in its own directory.
 */
final class ReferenceNode {
    static final int HTTP_PORT = 8080;
    static final int BACKEND_PORT = 8081;
    /** In the seed's notify.sh: the init script it starts and stops HAProxy with. */
    static final String SEED_HAPROXY_INIT = "/etc/rc.d/init.d/haproxy";

    private final NetworkLab lab;
    private final String host;
    private final String hostname;
    private final Path dir;
    private final Set<Long> haproxyPids = ConcurrentHashMap.newKeySet();
    private Process spare;

    ReferenceNode(NetworkLab lab, String host, Path dir) {
        this.lab = lab;
        this.host = host;
        this.hostname = "lb-" + host;
        this.dir = dir;
    }

    String host() {
        return host;
    }

    /** The host name Spare and notify.sh see (a UTS namespace of its own), as in the mails. */
    String hostname() {
        return hostname;
    }

    Path dir() {
        return dir;
    }

    Path spareLog() {
        return dir.resolve("spare.log");
    }

    Path ctlLog() {
        return dir.resolve("haproxyctl.log");
    }

    Path downFile() {
        return dir.resolve("down");
    }

    /**
     * Writes haproxy.cfg, haproxyctl.sh, spare.yaml, and notify.sh: the seed's, with only the init
     * script's path changed to this node's haproxyctl.sh.
     */
    void writeFiles(Path seed, String state, int priority, String vip, String smtpServer) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> values = Map.of(
                "@DIR@", dir.toString(),
                "@NODE@", hostname,
                "@PORT@", Integer.toString(HTTP_PORT),
                "@BACKEND_PORT@", Integer.toString(BACKEND_PORT),
                "@STATE@", state,
                "@PRIORITY@", Integer.toString(priority),
                "@VIP@", vip,
                "@SMTP@", smtpServer);
        writeHaproxyConfig(true);
        write("haproxyctl.sh", fill(resource("haproxyctl.sh"), values), true);
        write("spare.yaml", fill(resource("spare.yaml"), values), false);
        Files.createDirectories(dir.resolve("bin"));
        write("bin/mail", fill(resource("mail"), values), true);
        String notify = Files.readString(seed.resolve("notify.sh"));
        if (!notify.contains(SEED_HAPROXY_INIT)) {
            throw new IllegalStateException(seed.resolve("notify.sh") + " no longer calls " + SEED_HAPROXY_INIT);
        }
        write("notify.sh", notify.replace(SEED_HAPROXY_INIT, dir.resolve("haproxyctl.sh").toString()), true);
    }

    /**
     * Writes this node's haproxy.cfg; a broken one makes HAProxy refuse to start, as a bad edit or
     * a lost certificate would.
     */
    void writeHaproxyConfig(boolean valid) throws IOException {
        String config = fill(resource("haproxy.cfg"), Map.of(
                "@DIR@", dir.toString(),
                "@NODE@", hostname,
                "@PORT@", Integer.toString(HTTP_PORT),
                "@BACKEND_PORT@", Integer.toString(BACKEND_PORT)));
        write("haproxy.cfg", valid ? config : config + "\nthis-keyword-breaks-haproxy\n", false);
    }

    void startBackend() throws IOException {
        lab.startJava(host, dir.resolve("backend.log"), ReferenceScenarioIT.SMALL_JVM, ReferenceBackendMain.class.getName(),
                "127.0.0.1", Integer.toString(BACKEND_PORT), hostname);
    }

    /** What the host's boot would do: {@code /etc/init.d/haproxy start}. */
    void startHaproxy() throws IOException {
        lab.exec(host, dir.resolve("haproxyctl.sh").toString(), "start");
        haproxyPid();
    }

    /**
     * Starts Spare in this node's namespace, with a UTS namespace of its own named {@link
     * #hostname()} (what the mails say) and a mount namespace of its own in which the node's
     * {@code bin/} (the {@code mail} command notify.sh uses) is {@code /usr/local/sbin}, first on
     * the PATH Spare gives hooks. Neither is visible outside Spare and its hooks.
     */
    void startSpare() throws IOException {
        Path spareBin = FailoverLab.spareDist().resolve("bin/spare");
        spare = lab.start(host, spareLog(), "unshare", "--uts", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$3\" /usr/local/sbin && hostname \"$0\" && SPARE_LOG_LEVEL=debug exec \"$1\" run -c \"$2\" --control-socket \"$4\"",
                hostname, spareBin.toString(), dir.resolve("spare.yaml").toString(), dir.resolve("bin").toString(),
                dir.resolve("spare.sock").toString());
    }

    boolean spareStarted() throws IOException {
        return Files.exists(spareLog()) && Files.readString(spareLog()).contains("Spare started");
    }

    /** SIGTERM, as systemd stops the service; waits for the graceful exit. */
    boolean stopSpare() throws InterruptedException {
        if (spare == null) {
            return true;
        }
        spare.destroy();
        boolean ended = spare.waitFor(15, TimeUnit.SECONDS);
        if (!ended) {
            NetworkLab.killTree(spare);
        }
        return ended;
    }

    boolean holds(String vip) throws IOException {
        return lab.exec(host, "ip", "-o", "-4", "addr", "show", "dev", "eth0").contains(" " + vip + "/");
    }

    /** The PID of this node's running HAProxy: the pidfile's, if that process runs this node's config. */
    Optional<Long> haproxyPid() throws IOException {
        Path pidfile = dir.resolve("haproxy.pid");
        if (!Files.exists(pidfile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidfile).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text.lines().findFirst().orElseThrow());
        if (!runsMyHaproxy(pid)) {
            return Optional.empty();
        }
        haproxyPids.add(pid);
        return Optional.of(pid);
    }

    /**
     * Whether process {@code pid} is this node's HAProxy: its command line names this node's
     * config. A zombie (exited, not yet reaped) has an empty command line: not running.
     */
    boolean runsMyHaproxy(long pid) {
        try {
            String command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return command.contains(dir.resolve("haproxy.cfg").toString());
        } catch (IOException gone) {
            return false;
        }
    }

    boolean haproxyRunning() throws IOException {
        return haproxyPid().isPresent();
    }

    /** Every HAProxy PID this node was seen running, for the teardown check. */
    Set<Long> haproxyPidsSeen() {
        return Set.copyOf(haproxyPids);
    }

    /** SIGKILL this node's HAProxy, by its PID: a crash. */
    long killHaproxy() throws IOException, InterruptedException {
        long pid = haproxyPid().orElseThrow(() -> new AssertionError(hostname + " runs no HAProxy to kill"));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runsMyHaproxy(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(hostname + "'s HAProxy " + pid + " survived SIGKILL");
            }
            Thread.sleep(10);
        }
        return pid;
    }

    /** Teardown: this node's HAProxy by PID (NetworkLab also kills whatever is left in the namespace). */
    void killLeftovers() {
        try {
            haproxyPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            // best effort: the lab's close kills what still runs in the namespace
        }
    }

    List<String> ctlLines() throws IOException {
        return Files.exists(ctlLog()) ? Files.readAllLines(ctlLog()) : List.of();
    }

    private void write(String name, String content, boolean executable) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReferenceNode.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /reference/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace(value.getKey(), value.getValue());
        }
        if (out.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IllegalStateException("unfilled placeholder in\n" + out);
        }
        return out;
    }

    @Override
    public String toString() {
        return hostname;
    }
}
