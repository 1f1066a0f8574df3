package io.spare.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover benchmark ({@code bench/failover/run.sh}): two nodes (A priority 100, B 90) and a
 * client pinging the VIP every millisecond, in namespaces of their own, once with Spare and once
 * with keepalived under the same VRID, priorities and timers. Per scenario it reports the outage
 * the client saw, the takeover time as the segment saw it (tcpdump on the client's port: from the
 * old master going away to the new master's first advert) next to what the RFC timers allow, and
 * the delay from that first advert to the first gratuitous ARP / unsolicited NA for the VIP.
 *
 * <p>Arguments: {@code --runs N} (default 3), {@code --flavors v2,v3} (v2 = VRRPv2 PASS 1 s,
 * v3 = VRRPv3 IPv4 100 ms, v3-ipv6), {@code --impls spare,keepalived}, {@code --out FILE} (the
 * markdown table, also printed). Namespaces, processes and addresses are removed at the end, on
 * error and on Ctrl-C.
 */
public final class FailoverBenchmark {
    private static final Pattern MAC = Pattern.compile("\"address\":\"([0-9a-f:]{17})\"");
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static volatile FailoverLab current;

    record Sample(String flavor, String impl, String scenario, long lost, double outageMs, double takeoverMs,
                  double expectedMs, double garpMs, String note) {}

    private final FailoverLab lab;
    private final String impl;
    private final List<Sample> samples;
    private AdvertCapture capture;
    private PingProbe probe;
    private VrrpNode a;
    private VrrpNode b;
    private String macA;
    private String macB;

    private FailoverBenchmark(FailoverLab lab, String impl, List<Sample> samples) {
        this.lab = lab;
        this.impl = impl;
        this.samples = samples;
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        List<String> flavors = List.of("v2", "v3");
        List<String> impls = List.of("spare", "keepalived");
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--flavors" -> flavors = Arrays.asList(args[++i].split(","));
                case "--impls" -> impls = Arrays.asList(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: FailoverBenchmark [--runs N] [--flavors v2,v3,v3-ipv6] [--impls spare,keepalived] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            FailoverLab lab = current;
            if (lab != null) {
                lab.close();
            }
        }, "bench-cleanup"));
        List<Sample> samples = new ArrayList<>();
        Path base = Files.createTempDirectory("spare-failover-bench");
        System.out.println("logs, configs and captures go to " + base);
        for (String name : flavors) {
            Flavor flavor = switch (name) {
                case "v2" -> Flavor.V2_PASS;
                case "v3" -> Flavor.V3_IPV4;
                case "v3-ipv6" -> Flavor.V3_IPV6;
                default -> throw new IllegalArgumentException("unknown flavor " + name + " (v2, v3, v3-ipv6)");
            };
            for (String impl : impls) {
                try (FailoverLab lab = FailoverLab.create(flavor, base.resolve(flavor.name() + "-" + impl))) {
                    current = lab;
                    new FailoverBenchmark(lab, impl, samples).run(runs);
                } finally {
                    current = null;
                }
            }
        }
        String table = table(samples, runs);
        System.out.println();
        System.out.println(table);
        if (out != null) {
            Files.writeString(out, table);
        }
        System.out.println("logs and captures: " + base);
    }

    private void run(int runs) throws Exception {
        capture = new AdvertCapture(lab);
        capture.awaitListening();
        macA = mac("a");
        macB = mac("b");
        probe = lab.probe();
        try {
            for (int run = 1; run <= runs; run++) {
                deadMaster();
                sigterm();
                checkFlipAndPreemptBack();
                nopreempt();
            }
        } finally {
            probe.close();
            lab.stopAll();
        }
    }

    private VrrpNode node(String host, int priority, boolean nopreempt) {
        NodeSpec spec = new NodeSpec(host, priority, nopreempt, lab.work().resolve(host + ".down"), CHECK_INTERVAL);
        return impl.equals("spare") ? lab.spare(spec) : lab.keepalived(spec);
    }

    /** A is MASTER, B BACKUP, both up, the client gets answers. */
    private void ensure() throws Exception {
        for (VrrpNode node : new VrrpNode[] {a, b}) {
            if (node != null && node.ended()) {
                node.stop();
            }
        }
        Files.deleteIfExists(lab.work().resolve("a.down"));
        if (a == null || !a.alive()) {
            lab.forgetVip("a");
            a = node("a", 100, false);
            a.start();
        }
        if (b == null || !b.alive()) {
            b = node("b", 90, false);
            b.start();
        }
        lab.awaitSoleHolder("a", SpareFailoverScenarios.STARTUP);
        lab.awaitReady(b, SpareFailoverScenarios.STARTUP);
        // Past the startup GARP bursts and the election: a quiet segment to measure on.
        Thread.sleep(Math.max(500, lab.flavor().advertInt().toMillis() * 2));
        if (!probe.awaitReplies(300, Duration.ofSeconds(10))) {
            throw new IllegalStateException("the client gets no answers from the VIP");
        }
    }

    private void deadMaster() throws Exception {
        ensure();
        probe.mark();
        double event = now();
        lab.setConnected("a", false);
        a.kill();
        lab.await("B holds the VIP", lab.flavor().masterDown(90).multipliedBy(3), () -> lab.holds("b"));
        settle();
        List<AdvertCapture.Packet> packets = capture.packets();
        double lastA = packets.stream().filter(p -> p.mac().equals(macA) && p.advert() && p.time() < event)
                .mapToDouble(AdvertCapture.Packet::time).max().orElse(event);
        record("dead master (cut + SIGKILL)", packets, event, lastA, macB, lab.flavor().masterDown(90),
                "from A's last advert; expected Master_Down_Interval");
        lab.forgetVip("a");
        lab.setConnected("a", true);
        a = null;
    }

    private void sigterm() throws Exception {
        ensure();
        probe.mark();
        double event = now();
        a.terminate();
        lab.awaitSoleHolder("b", lab.flavor().masterDown(90).multipliedBy(3));
        a.awaitExit(Duration.ofSeconds(10));
        settle();
        List<AdvertCapture.Packet> packets = capture.packets();
        double zero = packets.stream().filter(p -> p.mac().equals(macA) && p.priority() == 0 && p.time() >= event)
                .mapToDouble(AdvertCapture.Packet::time).min().orElse(event);
        record("SIGTERM (priority 0)", packets, event, zero, macB, lab.flavor().skew(90),
                "from A's priority-0 advert; expected skew time");
        a = null;
    }

    private void checkFlipAndPreemptBack() throws Exception {
        ensure();
        Path down = lab.work().resolve("a.down");
        probe.mark();
        double event = now();
        lab.touch(down);
        lab.awaitSoleHolder("b", CHECK_INTERVAL.plus(lab.flavor().masterDown(90)).multipliedBy(3));
        settle();
        List<AdvertCapture.Packet> packets = capture.packets();
        int lowered = 100 + NodeSpec.MAINTENANCE_WEIGHT;
        double firstLowered = packets.stream().filter(p -> p.mac().equals(macA) && p.priority() == lowered && p.time() >= event)
                .mapToDouble(AdvertCapture.Packet::time).min().orElse(event);
        // B's down timer runs from the last advert it accepted: A's last one at full priority.
        double lastFull = packets.stream().filter(p -> p.mac().equals(macA) && p.priority() == 100 && p.time() < firstLowered)
                .mapToDouble(AdvertCapture.Packet::time).max().orElse(event);
        record("check fails (A 100 -> 80)", packets, event, lastFull, macB, lab.flavor().masterDown(90),
                String.format(Locale.ROOT, "from A's last priority-100 advert; A advertised 80 %.0f ms after the touch; expected Master_Down_Interval",
                        (firstLowered - event) * 1000));

        Thread.sleep(Math.max(500, lab.flavor().advertInt().toMillis() * 2));
        probe.mark();
        double back = now();
        Files.delete(down);
        lab.awaitSoleHolder("a", CHECK_INTERVAL.plus(lab.flavor().masterDown(100)).multipliedBy(3));
        settle();
        record("preempt back (check OK again)", capture.packets(), back, back, macA,
                CHECK_INTERVAL.plus(lab.flavor().masterDown(100)),
                "from rm; expected <= check interval + Master_Down_Interval(100)");
    }

    private void nopreempt() throws Exception {
        ensure();
        a.stop();
        lab.awaitSoleHolder("b", lab.flavor().masterDown(90).multipliedBy(3));
        settle();
        probe.mark();
        double event = now();
        a = node("a", 100, true);
        a.start();
        lab.awaitReady(a, SpareFailoverScenarios.STARTUP);
        Duration watch = lab.flavor().masterDown(100).multipliedBy(2).plus(Duration.ofMillis(500));
        Thread.sleep(watch.toMillis());
        boolean stayed = lab.holders().equals("b");
        long advertsFromA = capture.packets().stream().filter(p -> p.mac().equals(macA) && p.advert() && p.time() >= event).count();
        samples.add(new Sample(lab.flavor().name(), impl, "nopreempt (A returns)", probe.lost(), probe.longestSilenceMs(),
                Double.NaN, Double.NaN, Double.NaN,
                (stayed ? "B kept the VIP" : "VIP MOVED to " + lab.holders()) + ", adverts from A: " + advertsFromA));
        print(samples.get(samples.size() - 1));
        a.stop();
        a = null;
    }

    /** Lets the client's answers after the move come in, and tcpdump write the last packets. */
    private void settle() throws InterruptedException {
        probe.awaitReplies(300, Duration.ofSeconds(10));
        Thread.sleep(200);
    }

    private void record(String scenario, List<AdvertCapture.Packet> packets, double event, double reference,
                        String newMaster, Duration expected, String note) {
        AdvertCapture.Packet first = packets.stream()
                .filter(p -> p.mac().equals(newMaster) && p.advert() && p.priority() > 0 && p.time() >= event)
                .findFirst().orElse(null);
        double takeover = first == null ? Double.NaN : (first.time() - reference) * 1000;
        double garp = Double.NaN;
        if (first != null) {
            garp = packets.stream().filter(p -> p.mac().equals(newMaster) && !p.advert() && p.time() >= first.time() - 0.5)
                    .mapToDouble(p -> (p.time() - first.time()) * 1000).min().orElse(Double.NaN);
        }
        Sample sample = new Sample(lab.flavor().name(), impl, scenario, probe.lost(), probe.longestSilenceMs(), takeover,
                expected.toNanos() / 1e6, garp, note);
        samples.add(sample);
        print(sample);
    }

    private static void print(Sample s) {
        System.out.printf(Locale.ROOT, "%-14s %-10s %-32s lost %5d  outage %8.1f ms  takeover %8.1f ms (expected %7.1f)  garp %6.1f ms  %s%n",
                s.flavor(), s.impl(), s.scenario(), s.lost(), s.outageMs(), s.takeoverMs(), s.expectedMs(), s.garpMs(), s.note());
    }

    private String mac(String host) throws IOException {
        Matcher m = MAC.matcher(lab.network().exec(host, "ip", "-j", "link", "show", "dev", "eth0"));
        if (!m.find()) {
            throw new IOException("no MAC for " + host);
        }
        return m.group(1);
    }

    private static double now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** Median and maximum per flavor, implementation and scenario, as a markdown table. */
    static String table(List<Sample> samples, int runs) {
        StringBuilder t = new StringBuilder();
        t.append("| flavor | scenario | impl | lost probes (median / max) | client outage ms (median / max) | takeover ms (median / max) | expected ms | first advert -> GARP/NA ms (median) |\n");
        t.append("|---|---|---|---|---|---|---|---|\n");
        List<String> keys = new ArrayList<>();
        for (Sample s : samples) {
            String key = s.flavor() + "\u0000" + s.scenario() + "\u0000" + s.impl();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        keys.sort((x, y) -> {
            String[] p = x.split("\u0000");
            String[] q = y.split("\u0000");
            int c = p[0].compareTo(q[0]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(scenarioOrder(samples, p[1]), scenarioOrder(samples, q[1]));
            return c != 0 ? c : q[2].compareTo(p[2]);
        });
        for (String key : keys) {
            String[] k = key.split("\u0000");
            List<Sample> group = samples.stream().filter(s -> s.flavor().equals(k[0]) && s.scenario().equals(k[1]) && s.impl().equals(k[2])).toList();
            double[] lost = group.stream().mapToDouble(Sample::lost).toArray();
            double[] outage = group.stream().mapToDouble(Sample::outageMs).toArray();
            double[] takeover = group.stream().mapToDouble(Sample::takeoverMs).toArray();
            double[] garp = group.stream().mapToDouble(Sample::garpMs).toArray();
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %s | %s / %s | %s / %s | %s | %s |%n",
                    k[0], k[1], k[2], fmt(median(lost), 0), fmt(max(lost), 0), fmt(median(outage), 1), fmt(max(outage), 1),
                    fmt(median(takeover), 0), fmt(max(takeover), 0), fmt(group.get(0).expectedMs(), 0), fmt(median(garp), 1)));
        }
        t.append(String.format(Locale.ROOT, "%n%d run(s) per row.%n", runs));
        return t.toString();
    }

    private static int scenarioOrder(List<Sample> samples, String scenario) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).scenario().equals(scenario)) {
                return i;
            }
        }
        return samples.size();
    }

    private static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
