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
    /** {@code [1764012345.123456] 64 bytes from 10.99.0.200: icmp_seq=12 ...}: ping's own receive time. */
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\] \\d+ bytes from .*icmp_seq=(\\d+)");

    private final Process process;
    private final Thread reader;
    private double lastReply = -1;
    private long answered;
    private double longestGapSeconds;
    private long windowFirstSeq = -1;
    private long windowLastSeq = -1;
    private long windowAnswered;

    PingProbe(DemoNetwork network, String host, String address) throws IOException {
        // -i 0.01 needs root, which the demo has; -D prints each reply's receive time, so gaps are
        // measured by ping itself, not by when this process reads its output.
        process = network.startPiped(host, List.of("ping", "-n", "-D", "-i", "0.01", "-W", "1", address));
        reader = new Thread(this::read, "demo-ping");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher reply = REPLY.matcher(line);
                if (reply.find()) {
                    record(Double.parseDouble(reply.group(1)), Long.parseLong(reply.group(2)));
                }
            }
        } catch (IOException e) {
            // the probe ends with the demo
        }
    }

    private synchronized void record(double receivedAt, long seq) {
        if (lastReply >= 0) {
            longestGapSeconds = Math.max(longestGapSeconds, receivedAt - lastReply);
        }
        lastReply = receivedAt;
        answered++;
        if (windowFirstSeq < 0) {
            windowFirstSeq = seq;
        }
        windowLastSeq = Math.max(windowLastSeq, seq);
        windowAnswered++;
    }

    /** Starts a new measurement window. */
    synchronized void reset() {
        longestGapSeconds = 0;
        windowFirstSeq = -1;
        windowLastSeq = -1;
        windowAnswered = 0;
    }

    /**
     * Pings sent since {@link #reset()} (between two answered ones) that were never answered. Only
     * meaningful while answers keep coming: ping slows down when they stop, so an outage is
     * measured in time ({@link #longestOutageMillis()}), not in lost pings.
     */
    synchronized long lost() {
        return windowFirstSeq < 0 ? 0 : (windowLastSeq - windowFirstSeq + 1) - windowAnswered;
    }

    /**
     * The longest time without an answer since {@link #reset()}, less the probe interval: what the
     * client saw as an outage, in milliseconds (0 when no probe went unanswered).
     */
    synchronized long longestOutageMillis() {
        return Math.max(0, Math.round(longestGapSeconds * 1000) - INTERVAL_MS);
    }

    synchronized long answered() {
        return answered;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
