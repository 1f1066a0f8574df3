package io.spare.vrrp.bench;

import io.spare.vrrp.codec.ReceiveVerdict;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * The JMH workload measured against this thread's CPU time instead of wall time: adverts per
 * CPU-second, i.e. per core, which stays meaningful on a machine shared with other builds.
 *
 * <p>Run: {@code mvn -B -pl ha-vrrp -Pjmh test-compile exec:exec -Dbench.main=io.spare.vrrp.bench.CpuTimeThroughput -Djmh.args=}
 */
public final class CpuTimeThroughput {
    private static final int BATCH = 1_000_000;

    private CpuTimeThroughput() {}

    public static void main(String[] args) throws Exception {
        DecodeValidateBenchmark bench = new DecodeValidateBenchmark();
        bench.setUp();
        measure("v2PassIpv4", bench::v2PassIpv4);
        measure("v3Ipv4", bench::v3Ipv4);
        measure("v3Ipv6", bench::v3Ipv6);
    }

    private static void measure(String name, Callable<ReceiveVerdict> workload) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            sink += run(workload);
        }
        double best = 0;
        double total = 0;
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            sink += run(workload);
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            double perSecond = BATCH * 1e9 / cpu;
            best = Math.max(best, perSecond);
            total += perSecond;
        }
        System.out.printf("%-12s mean %6.2f M adverts per CPU-second, best %6.2f M (%d)%n", name, total / rounds / 1e6, best / 1e6,
                sink & 1);
    }

    private static long run(Callable<ReceiveVerdict> workload) throws Exception {
        long accepted = 0;
        for (int i = 0; i < BATCH; i++) {
            if (workload.call().accepted()) {
                accepted++;
            }
        }
        return accepted;
    }
}
