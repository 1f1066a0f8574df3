package io.spare.check.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one of a script's output pipes without ever blocking: it reads only what {@link
 * InputStream#available()} reports, so the caller can poll the script, its timeout and the pipe from
 * one thread, and a background child that keeps the pipe open cannot hang anyone. It keeps the first
 * kilobyte (for the first line in messages) and throws the rest away, so a chatty script neither
 * blocks on a full pipe nor fills memory.
 */
final class OutputCapture {
    private static final int KEEP = 1024;
    private static final int MAX_LINE = 200;

    private final InputStream in;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private long total;
    private boolean closed;

    OutputCapture(InputStream in) {
        this.in = in;
    }

    /** Reads what is there now; returns how many bytes that was. */
    int drain() {
        if (closed) {
            return 0;
        }
        int read = 0;
        try {
            int available;
            while ((available = in.available()) > 0) {
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n < 0) {
                    closed = true;
                    break;
                }
                if (head.size() < KEEP) {
                    head.write(buffer, 0, Math.min(n, KEEP - head.size()));
                }
                total += n;
                read += n;
            }
        } catch (IOException e) {
            // The JDK closes the pipe once the process is reaped; what was left is already read.
            closed = true;
        }
        return read;
    }

    void close() {
        closed = true;
        try {
            in.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    long totalBytes() {
        return total;
    }

    /** The first non-blank line, trimmed and shortened; empty if there was none. */
    String firstLine() {
        for (String line : head.toString(StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return trimmed.length() > MAX_LINE ? trimmed.substring(0, MAX_LINE) + "..." : trimmed;
            }
        }
        return "";
    }
}
