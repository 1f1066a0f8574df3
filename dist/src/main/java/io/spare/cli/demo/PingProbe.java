package io.spare.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client pinging the VIP every {@link #INTERVAL_MS} ms, as a user's client would use it. It keeps
 * the answered sequence numbers so that an outage can be measured as the client saw it.
 */
final class PingProbe implements AutoCloseable {
    static final int INTERVAL_MS = 10;
    private static final Pattern REPLY = Pattern.compile("icmp_seq=(\\d+)");

    private final Process process;
    private final Thread reader;
    private long lastSeq = -1;
    private long answered;
    private long longestGap;
    private long gapStartSeq;

    PingProbe(DemoNetwork network, String host, String address) throws IOException {
        // -i 0.01 needs root, which the demo has; -W 1: a lost reply is given up after a second.
        process = network.startPiped(host, List.of("ping", "-n", "-i", "0.01", "-W", "1", address));
        reader = new Thread(this::read, "demo-ping");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher reply = REPLY.matcher(line);
                if (line.contains("bytes from") && reply.find()) {
                    record(Long.parseLong(reply.group(1)));
                }
            }
        } catch (IOException e) {
            // the probe ends with the demo
        }
    }

    private synchronized void record(long seq) {
        if (lastSeq >= 0 && seq > lastSeq + 1) {
            long gap = seq - lastSeq - 1;
            if (gap > longestGap) {
                longestGap = gap;
                gapStartSeq = lastSeq + 1;
            }
        }
        lastSeq = Math.max(lastSeq, seq);
        answered++;
    }

    /** Starts a new measurement window. */
    synchronized void reset() {
        longestGap = 0;
        gapStartSeq = 0;
    }

    /** Probes lost in the longest run of lost probes since {@link #reset()}. */
    synchronized long longestLoss() {
        return longestGap;
    }

    synchronized long answered() {
        return answered;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
