package io.spare.cli.it;

import io.spare.api.testing.NetworkLab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client pinging the VIP every millisecond ({@code ping -i 0.001}), as a user's traffic would
 * hit it. Sequence numbers are unwrapped past 65535, and each reply's kernel receive time
 * ({@code ping -D}) is kept, so that a window can tell how many probes were lost and how long the
 * client saw no answer.
 */
final class PingProbe implements AutoCloseable {
    static final double INTERVAL_MS = 1.0;
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)] .*icmp_seq=(\\d+)");

    private final Process process;
    private final Thread reader;
    private long highest = -1;
    private long windowStart;
    private final BitSet received = new BitSet();
    private final List<double[]> arrivals = new ArrayList<>();
    private long total;
    private double highestTime = Double.NaN;
    private double[] anchor;

    private final java.io.Writer raw;

    /** {@code rawLog}: where ping's own output goes too, for looking into a surprising window. */
    PingProbe(NetworkLab network, String host, String address, boolean ipv6, java.nio.file.Path rawLog) throws IOException {
        raw = java.nio.file.Files.newBufferedWriter(rawLog, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", network.ns(host), "ping"));
        if (ipv6) {
            command.add("-6");
        }
        // -W 1: a reply later than a second counts as lost; -D: receive time stamps.
        command.addAll(List.of("-D", "-n", "-i", "0.001", "-W", "1", address));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(this::read, "ping-probe");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                raw.write(line);
                raw.write('\n');
                Matcher m = REPLY.matcher(line);
                if (m.find() && line.contains("bytes from") && !line.contains("DUP!")) {
                    record(Integer.parseInt(m.group(2)), Double.parseDouble(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the probe ends with its process
        } finally {
            try {
                raw.close();
            } catch (IOException e) {
                // the raw log is a diagnostic only
            }
        }
    }

    private synchronized void record(int seq16, double time) {
        long seq;
        if (highest < 0) {
            seq = seq16;
        } else {
            int delta = (short) (seq16 - (int) (highest & 0xFFFF));
            seq = highest + delta;
        }
        total++;
        if (seq >= windowStart) {
            received.set((int) (seq - windowStart));
            arrivals.add(new double[] {seq, time});
        }
        if (seq > highest) {
            highest = seq;
            highestTime = time;
        }
        notifyAll();
    }

    /** Starts a new window at the next probe. */
    synchronized void mark() {
        try {
            raw.write("----- mark " + java.time.Instant.now() + " at seq " + (highest + 1) + "\n");
        } catch (IOException e) {
            // diagnostic only
        }
        windowStart = highest + 1;
        received.clear();
        arrivals.clear();
        // The last answer before the window: a silence starting right at the mark counts too.
        anchor = highest < 0 ? null : new double[] {highest, highestTime};
    }

    /** Waits until {@code count} more replies came in. */
    synchronized boolean awaitReplies(long count, Duration timeout) throws InterruptedException {
        long target = total + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Probes of the window lost so far: sent before the newest answered one and never answered. */
    synchronized long lost() {
        if (received.isEmpty()) {
            return 0;
        }
        int last = received.length() - 1;
        return (last + 1) - received.cardinality();
    }

    synchronized long answered() {
        return received.cardinality();
    }

    /**
     * The longest time in the window between two consecutive answers (counting the last answer
     * before the window), in ms: the outage the client saw.
     */
    synchronized double longestSilenceMs() {
        List<double[]> sorted = new ArrayList<>(arrivals);
        if (anchor != null && !sorted.isEmpty()) {
            sorted.add(anchor);
        }
        sorted.sort((x, y) -> Double.compare(x[0], y[0]));
        double longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(longest, (sorted.get(i)[1] - sorted.get(i - 1)[1]) * 1000);
        }
        return longest;
    }

    /** Answers, losses and the longest silence of the window, for messages. */
    synchronized String describe() {
        return "answered " + answered() + ", lost " + lost() + ", longest silence "
                + String.format("%.1f", longestSilenceMs()) + " ms";
    }

    @Override
    public void close() {
        NetworkLab.killTree(process);
    }
}
