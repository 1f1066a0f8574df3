package io.spare.netlink.it;

import io.spare.api.VirtualAddress;
import io.spare.api.testing.NetworkLab;
import io.spare.netlink.NetlinkAddressBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to take over 255 VIPs: one add batch plus one round of announcements, in a lab namespace
 * with a second host on the segment receiving the ARP. Not part of {@code mvn verify}; see
 * docs/BENCHMARKS.md ("Taking over 255 VIPs") for how to run it.
 */
public final class NetlinkBenchmark {
    private static final int WARMUP = 30;
    private static final int RUNS = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 255;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (NetworkLab lab = NetworkLab.create()) {
            lab.addHost("master", "10.99.0.1/24", "fd99::1/64");
            lab.addHost("client", "10.99.0.2/24", "fd99::2/64");
            try (NamespaceExecutor master = new NamespaceExecutor(lab.namespacePath("master"))) {
                try (NetlinkAddressBinder binder = new NetlinkAddressBinder()) {
                    report("IPv4", master, binder, ipv4(count), repeat);
                    report("IPv6", master, binder, ipv6(count), repeat);
                }
            }
        }
    }

    private static void report(String family, NamespaceExecutor master, NetlinkAddressBinder binder, List<VirtualAddress> vips, int repeat)
            throws Exception {
        long[] add = new long[RUNS];
        long[] announce = new long[RUNS];
        long[] cpu = new long[RUNS];
        for (int run = -WARMUP; run < RUNS; run++) {
            long[] times = master.call(() -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                binder.add("eth0", vips);
                long added = System.nanoTime();
                binder.announce("eth0", vips, repeat);
                long announced = System.nanoTime();
                long cpuUsed = THREADS.getCurrentThreadCpuTime() - cpuStart;
                binder.remove("eth0", vips);
                return new long[] {added - start, announced - added, cpuUsed};
            });
            if (run >= 0) {
                add[run] = times[0];
                announce[run] = times[1];
                cpu[run] = times[2];
            }
        }
        long[] total = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            total[i] = add[i] + announce[i];
        }
        System.out.printf("%s, %d VIPs, repeat %d, %d runs after %d warm-up:%n", family, vips.size(), repeat, RUNS, WARMUP);
        System.out.printf("  add        %s%n", stats(add));
        System.out.printf("  announce   %s%n", stats(announce));
        System.out.printf("  add+announce %s%n", stats(total));
        System.out.printf("  CPU time of the calling thread (user+kernel) for add+announce: %s%n", stats(cpu));
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("min %.2f ms, median %.2f ms, p90 %.2f ms, max %.2f ms",
                sorted[0] / 1e6, sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static List<VirtualAddress> ipv4(int count) throws Exception {
        List<VirtualAddress> vips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vips.add(VirtualAddress.of(InetAddress.getByName("10.99." + (1 + i / 250) + "." + (1 + i % 250)), 24));
        }
        return vips;
    }

    private static List<VirtualAddress> ipv6(int count) throws Exception {
        List<VirtualAddress> vips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // /32: io.spare.api.VirtualAddress rejects IPv6 prefixes over 32 for now
            vips.add(VirtualAddress.of(InetAddress.getByName("fd99::1:" + Integer.toHexString(i + 1)), 32));
        }
        return vips;
    }
}
