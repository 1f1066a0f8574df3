package io.spare.api.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network for one integration test: a switch namespace holding a bridge, and hosts,
 * each a namespace with {@code eth0} plugged into the bridge. Names carry the PID and a counter so
 * that parallel runs never collide. {@link #close()} kills every process it started (by PID, never
 * by name) and deletes every namespace, which removes their interfaces too; use it in
 * try-with-resources or {@code @AfterEach} so that it runs when the test fails.
 *
 * <p>Only the addresses the test gives are used; tests stay in 10.99.0.0/16 and fd99::/16.
 */
public final class NetworkLab implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String prefix;
    private final String switchNs;
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> namespaces = new ArrayList<>();
    private int ports;

    private NetworkLab(String prefix) {
        this.prefix = prefix;
        this.switchNs = prefix + "-sw";
    }

    /** Creates the switch namespace with bridge {@code br0} (multicast snooping off, as a hub). */
    public static NetworkLab create() throws IOException {
        Integration.requireRoot();
        Integration.requireCommand("ip");
        NetworkLab lab = new NetworkLab("sp" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet());
        try {
            lab.addNamespace(lab.switchNs);
            lab.run("ip", "-n", lab.switchNs, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0", "forward_delay", "0");
            lab.run("ip", "-n", lab.switchNs, "link", "set", "br0", "up");
            lab.run("ip", "-n", lab.switchNs, "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /**
     * Adds a host: namespace {@code <prefix>-<name>} with {@code eth0} on the bridge, up, with the
     * given addresses (CIDR, e.g. {@code 10.99.0.2/24}, {@code fd99::2/64}) and loopback up. IPv6
     * duplicate address detection is turned off so addresses are usable at once.
     *
     * @return the namespace name
     */
    public String addHost(String name, String... cidrs) throws IOException {
        String ns = prefix + "-" + name;
        addNamespace(ns);
        String port = "p" + (++ports);
        run("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", switchNs);
        run("ip", "-n", switchNs, "link", "set", port, "master", "br0");
        run("ip", "-n", switchNs, "link", "set", port, "up");
        sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
        sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        sysctl(ns, "net.ipv6.conf.eth0.accept_dad", "0");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        for (String cidr : cidrs) {
            run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        }
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        hosts.put(name, ns);
        return ns;
    }

    /** The namespace of a host added with {@link #addHost}. */
    public String ns(String host) {
        String ns = hosts.get(host);
        if (ns == null) {
            throw new IllegalArgumentException("no host " + host + " in this lab");
        }
        return ns;
    }

    /** The bridge port of a host, for cutting it off ({@code ip -n SW link set PORT down}). */
    public String bridgePort(String host) {
        int index = new ArrayList<>(hosts.keySet()).indexOf(host);
        if (index < 0) {
            throw new IllegalArgumentException("no host " + host + " in this lab");
        }
        return "p" + (index + 1);
    }

    public String switchNamespace() {
        return switchNs;
    }

    /** Cuts a host off the segment or plugs it back, at its bridge port. */
    public void setConnected(String host, boolean connected) throws IOException {
        run("ip", "-n", switchNs, "link", "set", bridgePort(host), connected ? "up" : "down");
    }

    /** Runs a command in a host's namespace and returns its output; fails on a non-zero exit. */
    public String exec(String host, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Runs a command in a host's namespace; returns the exit code and output, whatever it is. */
    public Result tryExec(String host, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(List.of(command));
        return runCommand(Duration.ofSeconds(60), full);
    }

    /**
     * Starts a long-running process in a host's namespace, output to {@code log}. It is killed (by
     * its PID, with its descendants) on {@link #close()}.
     */
    public Process start(String host, Path log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.add(process);
        return process;
    }

    /**
     * Starts a Java main class of the test's own class path in a host's namespace.
     */
    public Process startJava(String host, Path log, List<String> jvmArgs, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(host, log, command.toArray(String[]::new));
    }

    /** The path of a host's namespace, for {@code setns(2)}. */
    public Path namespacePath(String host) {
        return Path.of("/var/run/netns", ns(host));
    }

    public record Result(int exitCode, String output) {}

    /** Runs a command (any namespace) and returns its output; fails on a non-zero exit. */
    public static String run(String... command) throws IOException {
        Result result = runCommand(Duration.ofSeconds(60), List.of(command));
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.output().strip());
        }
        return result.output();
    }

    public static Result runCommand(Duration timeout, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new IOException(String.join(" ", command) + " timed out after " + timeout);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", command), e);
        }
    }

    private void sysctl(String ns, String key, String value) throws IOException {
        runCommand(Duration.ofSeconds(10), List.of("ip", "netns", "exec", ns, "sysctl", "-qw", key + "=" + value));
    }

    private void addNamespace(String ns) throws IOException {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
    }

    /** Kills a process and everything it started, by PID. */
    public static void killTree(Process process) {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (processes) {
            for (Process process : processes) {
                killTree(process);
            }
            processes.clear();
        }
        // Processes still holding a namespace (started outside this lab) would keep it alive:
        // kill what runs in our namespaces by PID, then delete them.
        for (String ns : namespaces) {
            try {
                Result pids = runCommand(Duration.ofSeconds(10), List.of("ip", "netns", "pids", ns));
                for (String pid : pids.output().split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                runCommand(Duration.ofSeconds(10), List.of("ip", "netns", "del", namespaces.get(i)));
            } catch (IOException e) {
                // best effort: keep deleting the others
            }
        }
        namespaces.clear();
    }
}
