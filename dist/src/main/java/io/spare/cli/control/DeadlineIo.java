package io.spare.cli.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whole reads and writes on a socket with a deadline: a peer that stops reading or writing cannot
 * hold either end of the control socket for longer than that.
 */
final class DeadlineIo {
    private DeadlineIo() {}

    static void writeFully(SocketChannel channel, ByteBuffer data, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (data.hasRemaining()) {
                if (channel.write(data) == 0) {
                    await(selector, deadline, "writing");
                }
            }
        }
    }

    /** Reads until the peer closes its end. */
    static byte[] readToEnd(SocketChannel channel, Duration timeout, int limit) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int n = channel.read(buffer);
                if (n < 0) {
                    return all.toByteArray();
                }
                if (n == 0) {
                    await(selector, deadline, "reading");
                    continue;
                }
                all.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (all.size() > limit) {
                    throw new IOException("the answer is longer than " + limit + " bytes");
                }
            }
        }
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineException("timed out " + what);
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
    }

    /** The peer did not keep up before the deadline. */
    static final class DeadlineException extends IOException {
        DeadlineException(String message) {
            super(message);
        }
    }
}
