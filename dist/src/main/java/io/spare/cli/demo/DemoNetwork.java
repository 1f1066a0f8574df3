package io.spare.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's own network: a switch namespace with a bridge, and hosts plugged into it. Names carry
 * the PID so that two demos never collide. {@link #close()} kills what it started (by PID) and
 * deletes every namespace it made, which removes their interfaces too.
 */
final class DemoNetwork implements AutoCloseable {
    private final String prefix = "spare-demo-" + ProcessHandle.current().pid();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();
    private int ports;

    DemoNetwork() throws IOException {
        addNamespace(ns("sw"));
        run("ip", "-n", ns("sw"), "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0", "forward_delay", "0");
        run("ip", "-n", ns("sw"), "link", "set", "br0", "up");
    }

    String ns(String host) {
        return prefix + "-" + host;
    }

    void addHost(String host, String cidr) throws IOException {
        String ns = ns(host);
        addNamespace(ns);
        hosts.add(host);
        String port = "p" + (++ports);
        run("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", ns("sw"));
        run("ip", "-n", ns("sw"), "link", "set", port, "master", "br0");
        run("ip", "-n", ns("sw"), "link", "set", port, "up");
        run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** Whether {@code host} has {@code address} on its eth0 now. */
    boolean holds(String host, String address) throws IOException {
        String out = run("ip", "-n", ns(host), "-o", "-4", "addr", "show", "dev", "eth0");
        return out.contains(" " + address + "/");
    }

    /** Takes a host off the segment (its bridge port down) or puts it back: a dead or a live host. */
    void setConnected(String host, boolean connected) throws IOException {
        run("ip", "-n", ns("sw"), "link", "set", port(host), connected ? "up" : "down");
    }

    /**
     * What a reboot does to an address the dead host still had configured. It may be gone already:
     * Spare releases its VIPs when it sees its link lose carrier, if it lives long enough.
     */
    void removeAddress(String host, String cidr) throws IOException {
        if (run("ip", "-n", ns(host), "-o", "addr", "show", "dev", "eth0").contains(" " + cidr + " ")) {
            run("ip", "-n", ns(host), "addr", "del", cidr, "dev", "eth0");
        }
    }

    private String port(String host) {
        int index = hosts.indexOf(host);
        if (index < 0) {
            throw new IllegalArgumentException("no host " + host);
        }
        return "p" + (index + 1);
    }

    synchronized Process start(String host, Path log, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.add(process);
        return process;
    }

    synchronized Process startPiped(String host, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    private void addNamespace(String ns) throws IOException {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
    }

    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        for (Process process : processes) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                run("ip", "netns", "del", namespaces.get(i));
            } catch (IOException e) {
                System.err.println("spare demo: could not delete namespace " + namespaces.get(i) + ": " + e.getMessage());
            }
        }
        namespaces.clear();
    }
}
