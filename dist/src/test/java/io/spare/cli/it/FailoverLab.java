package io.spare.cli.it;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Two VRRP nodes ({@code a}, {@code b}) and a client on one bridge, in namespaces of a
 * {@link NetworkLab}. Every host has its 10.99.0.x/24 and fd99::x/64 address. In unicast flavors
 * nftables drops IPv4 multicast in and out of both nodes, so only unicast adverts get through.
 */
final class FailoverLab implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(10);

    private final Flavor flavor;
    private final NetworkLab network;
    private final Path work;
    private final List<VrrpNode> nodes = new ArrayList<>();

    private FailoverLab(Flavor flavor, NetworkLab network, Path work) {
        this.flavor = flavor;
        this.network = network;
        this.work = work;
    }

    static FailoverLab create(Flavor flavor, Path work) throws IOException {
        Integration.requireRoot();
        Integration.requireCommand("ip");
        Integration.requireCommand("ping");
        if (flavor.unicast()) {
            Integration.requireCommand("nft");
        }
        Files.createDirectories(work);
        NetworkLab network = NetworkLab.create();
        FailoverLab lab = new FailoverLab(flavor, network, work);
        try {
            for (String host : List.of("a", "b", "client")) {
                network.addHost(host, Flavor.ipv4(host) + "/24", Flavor.ipv6(host) + "/64");
            }
            if (flavor.unicast()) {
                lab.dropMulticast("a");
                lab.dropMulticast("b");
            }
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return lab;
    }

    /** A lab for one test class; logs and configs stay in {@code target/failover-it/CLASS}. */
    static FailoverLab forTestClass(Flavor flavor, Class<?> testClass) throws IOException {
        return create(flavor, Path.of("target", "failover-it", testClass.getSimpleName()).toAbsolutePath());
    }

    /** The unpacked product: the {@code spare.dist} property failsafe passes, or the build's default. */
    static Path spareDist() {
        String dist = System.getProperty("spare.dist");
        Path path = dist != null ? Path.of(dist) : Path.of("target/spare-0.1.0-SNAPSHOT/spare-0.1.0-SNAPSHOT");
        Integration.need(Files.isExecutable(path.resolve("bin/spare")),
                "the unpacked distribution " + path + " (mvn -pl dist package)");
        return path;
    }

    private void dropMulticast(String host) throws IOException {
        Path rules = work.resolve("nft-" + host + ".conf");
        Files.writeString(rules, """
                table inet spare_it {
                    chain in { type filter hook input priority 0; ip daddr 224.0.0.0/4 ip protocol vrrp counter drop; ip daddr 224.0.0.0/4 drop; }
                    chain out { type filter hook output priority 0; ip daddr 224.0.0.0/4 ip protocol vrrp counter drop; ip daddr 224.0.0.0/4 drop; }
                }
                """);
        network.exec(host, "nft", "-f", rules.toString());
    }

    /** Multicast VRRP packets nftables dropped on a node so far, in or out (unicast flavors). */
    long droppedMulticast(String host) throws IOException {
        String out = network.exec(host, "nft", "list", "table", "inet", "spare_it");
        long total = 0;
        for (String part : out.split("counter packets ")) {
            if (Character.isDigit(part.isEmpty() ? ' ' : part.charAt(0))) {
                total += Long.parseLong(part.substring(0, part.indexOf(' ')));
            }
        }
        return total;
    }

    Flavor flavor() {
        return flavor;
    }

    NetworkLab network() {
        return network;
    }

    Path work() {
        return work;
    }

    NodeSpec spec(String host, int priority) {
        return new NodeSpec(host, priority, false, work.resolve(host + ".down"), Duration.ofMillis(100));
    }

    SpareNode spare(NodeSpec spec) {
        SpareNode node = new SpareNode(this, spec);
        nodes.add(node);
        return node;
    }

    KeepalivedNode keepalived(NodeSpec spec) {
        Integration.requireCommand("keepalived");
        KeepalivedNode node = new KeepalivedNode(this, spec);
        nodes.add(node);
        return node;
    }

    /** Waits until the daemon logged that it runs. */
    void awaitReady(VrrpNode node, Duration timeout) throws InterruptedException {
        await(node + " is up", timeout, node::ready);
    }

    /** Whether a host has the VIP on eth0 now. */
    boolean holds(String host) {
        try {
            String json = network.exec(host, "ip", "-j", "addr", "show", "dev", "eth0");
            return json.contains("\"local\":\"" + flavor.vip() + "\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who holds the VIP, e.g. "a", "b", "a+b" or "nobody". */
    String holders() {
        List<String> who = new ArrayList<>();
        for (String host : List.of("a", "b")) {
            if (holds(host)) {
                who.add(host);
            }
        }
        return who.isEmpty() ? "nobody" : String.join("+", who);
    }

    /**
     * Waits until {@code host} alone holds the VIP.
     *
     * @return the time it took
     */
    Duration awaitSoleHolder(String host, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        await("only " + host + " holds " + flavor.vip(), timeout, () -> holders().equals(host));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asserts that {@code host} alone holds the VIP during the whole window. */
    void assertSoleHolderFor(String host, Duration window) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            String now = holders();
            if (!now.equals(host)) {
                throw new AssertionError("expected only " + host + " to hold " + flavor.vip() + " but " + now + " does\n" + logs());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what
                        + " (holders: " + holders() + ")\n" + logs());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Removes a VIP a killed daemon left on its host: a crashed and rebooted machine comes back
     * without it.
     */
    void forgetVip(String host) throws IOException {
        network.tryExec(host, "ip", "addr", "del", flavor.vipCidr(), "dev", "eth0");
    }

    void setConnected(String host, boolean connected) throws IOException {
        network.setConnected(host, connected);
    }

    void touch(Path file) throws IOException {
        Files.writeString(file, "maintenance\n");
    }

    PingProbe probe() throws IOException {
        return new PingProbe(network, "client", flavor.vip(), flavor.ipv6(), work.resolve("ping.txt"));
    }

    /** Stops every node of the lab (SIGTERM, graceful), e.g. between scenarios. */
    void stopAll() throws InterruptedException, IOException {
        for (VrrpNode node : nodes) {
            node.stop();
        }
        nodes.clear();
        forgetVip("a");
        forgetVip("b");
    }

    /** The tail of every node's log, for assertion messages. */
    String logs() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(work)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("--- ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e).append(")\n");
        }
        return out.toString();
    }

    @Override
    public void close() {
        network.close();
    }
}
