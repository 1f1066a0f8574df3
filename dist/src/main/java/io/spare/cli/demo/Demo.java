package io.spare.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.cli.control.ControlClient;
import io.spare.cli.control.StatusJson;
import io.spare.cli.control.StatusTable;
import io.spare.engine.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code spare demo}: two Spare nodes (A, priority 100; B, priority 90) and a client on one segment,
 * all in network namespaces the demo makes. It runs the real daemon, as {@code spare run} would.
 */
public final class Demo {
    private static final String VIP = "10.99.0.200";
    private static final long WAIT_MS = 15_000;

    private final PrintWriter out;
    private final PrintWriter err;
    private Path work;

    public Demo(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public int run() throws IOException, InterruptedException {
        Optional<String> missing = missingPrerequisite();
        if (missing.isPresent()) {
            err.println("spare demo: " + missing.get());
            err.flush();
            return ConfigException.EXIT_FAILURE;
        }
        work = Files.createTempDirectory("spare-demo");
        DemoNetwork network = new DemoNetwork();
        Thread cleanup = new Thread(() -> {
            network.close();
            deleteWork();
        }, "demo-cleanup");
        // Ctrl-C ends the JVM through its shutdown hooks: the network goes with it.
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return scenario(network);
        } finally {
            network.close();
            deleteWork();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private int scenario(DemoNetwork network) throws IOException, InterruptedException {
        say("Building a segment in network namespaces: node A 10.99.0.1, node B 10.99.0.2, client 10.99.0.100");
        network.addHost("a", "10.99.0.1/24");
        network.addHost("b", "10.99.0.2/24");
        network.addHost("client", "10.99.0.100/24");

        say("Starting Spare on A (priority 100) and B (priority 90): VRRP v2, advert_int 1s, VIP " + VIP);
        Process nodeA = startNode(network, "a", 100);
        startNode(network, "b", 90);
        // B may have been first for a moment (its JVM started sooner) and hands over within 0.1 s
        if (!awaitHolderOnly(network, "a", "b")) {
            return failed(network, "node A did not become MASTER");
        }
        say("A is MASTER and holds " + VIP + "; B is BACKUP. What B says about it (spare status):");
        showStatus("b");

        try (PingProbe probe = new PingProbe(network, "client", VIP)) {
            if (!awaitAnswers(probe)) {
                return failed(network, "the client gets no answer from " + VIP);
            }
            say("The client pings " + VIP + " every " + PingProbe.INTERVAL_MS + " ms.");

            say("");
            say("A dies: its link goes dark and its process is killed (SIGKILL). B must notice that the adverts");
            say("stopped (3 x advert_int + skew = 3 x 1 s + 0.65 s) and take over.");
            probe.reset();
            long killed = System.nanoTime();
            network.setConnected("a", false);
            nodeA.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            nodeA.destroyForcibly();
            if (!awaitHolder(network, "b")) {
                return failed(network, "node B did not take over");
            }
            long tookOver = System.nanoTime();
            settle(probe);
            say(String.format("B is MASTER %.2f s after A died. The client saw an outage of %d ms.",
                    (tookOver - killed) / 1e9, probe.longestOutageMillis()));

            say("");
            say("A comes back, as after a reboot (its addresses gone, link up, Spare started). With the higher");
            say("priority it preempts B; B keeps the VIP until it hears A, so the client should lose nothing.");
            probe.reset();
            network.removeAddress("a", VIP + "/24");
            network.setConnected("a", true);
            startNode(network, "a", 100);
            if (!awaitHolderOnly(network, "a", "b")) {
                return failed(network, "node A did not take the VIP back");
            }
            settle(probe);
            say(String.format("A is MASTER again. The client lost %d pings; its longest wait for an answer was %d ms.",
                    probe.lost(), probe.longestOutageMillis()));
        }
        say("");
        say("Done. Removing the namespaces and processes. Logs were in " + work + " (now removed).");
        return ConfigException.EXIT_OK;
    }

    private Process startNode(DemoNetwork network, String host, int priority) throws IOException {
        Path config = work.resolve("node-" + host + ".yaml");
        Files.writeString(config, """
                # spare demo: node %s
                global:
                  router_id: demo-%s
                checks:
                  maintenance:        # touch the file to put this node in maintenance
                    type: file
                    path: %s
                    exists: fail
                    weight: -20
                instances:
                  VI_1:
                    interface: eth0
                    virtual_router_id: 51
                    priority: %d
                    advert_int: 1s
                    authentication: {auth_type: PASS, auth_pass: demo}
                    virtual_ipaddress: [%s/24]
                    track_script: [maintenance]
                """.formatted(host.toUpperCase(), host, work.resolve(host + ".down"), priority, VIP));
        List<String> command = new ArrayList<>();
        Optional<Path> launcher = Optional.ofNullable(System.getProperty("spare.home"))
                .map(home -> Path.of(home, "bin", "spare")).filter(Files::isExecutable);
        if (launcher.isPresent()) {
            // the nodes run as the product does: the launcher's JVM flags and class data sharing archive
            command.add("env");
            Optional.ofNullable(System.getProperty("spare.plugins")).ifPresent(p -> command.add("SPARE_PLUGINS=" + p));
            Optional.ofNullable(System.getProperty("log4j2.configurationFile")).ifPresent(p -> command.add("SPARE_LOG_CONFIG=" + p));
            command.add(launcher.get().toString());
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k"));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            Optional.ofNullable(System.getProperty("spare.plugins")).ifPresent(p -> command.add("-Dspare.plugins=" + p));
            Optional.ofNullable(System.getProperty("log4j2.configurationFile"))
                    .ifPresent(p -> command.add("-Dlog4j2.configurationFile=" + p));
            command.add("io.spare.cli.Spare");
        }
        // each node its own status socket, away from a Spare this machine may run for real
        command.addAll(List.of("run", "-c", config.toString(), "--control-socket", work.resolve(host + ".sock").toString()));
        return network.start(host, work.resolve("node-" + host + ".log"), command);
    }

    private static boolean awaitHolder(DemoNetwork network, String host) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (network.holds(host, VIP)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** {@code host} holds the VIP and {@code other} no longer does: the handover is complete. */
    private static boolean awaitHolderOnly(DemoNetwork network, String host, String other) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (network.holds(host, VIP) && !network.holds(other, VIP)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean awaitAnswers(PingProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (probe.answered() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return probe.answered() >= 5;
    }

    /** Lets the client's probes after the move come back, so that the gap is closed and counted. */
    private static void settle(PingProbe probe) throws InterruptedException {
        long target = probe.answered() + 50;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (probe.answered() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private int failed(DemoNetwork network, String what) {
        err.println("spare demo: " + what + ". The nodes' logs:");
        for (String host : List.of("a", "b")) {
            Path log = work.resolve("node-" + host + ".log");
            try {
                if (Files.exists(log)) {
                    err.println("--- node " + host.toUpperCase());
                    err.println(Files.readString(log).strip());
                }
            } catch (IOException e) {
                err.println("(cannot read " + log + ")");
            }
        }
        err.flush();
        return ConfigException.EXIT_FAILURE;
    }

    /** {@code spare status} of a node, indented; the demo goes on without it. */
    private void showStatus(String host) {
        try {
            JsonNode status = StatusJson.decode(ControlClient.fetch(work.resolve(host + ".sock"), Duration.ofSeconds(10)));
            StringWriter table = new StringWriter();
            StatusTable.print(status, false, new PrintWriter(table));
            table.toString().lines().skip(2).forEach(line -> say(line.isEmpty() ? "" : "    " + line));
        } catch (IOException e) {
            say("    (no status: " + e.getMessage() + ")");
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static Optional<String> missingPrerequisite() {
        if (!isRoot()) {
            return Optional.of("needs root: it creates network namespaces and runs VRRP in them. Run it as root: sudo spare demo");
        }
        for (String command : List.of("ip", "ping")) {
            if (!onPath(command)) {
                return Optional.of("needs '" + command + "' (apt-get install iproute2 iputils-ping)");
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean onPath(String command) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private void deleteWork() {
        if (work == null || !Files.exists(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
