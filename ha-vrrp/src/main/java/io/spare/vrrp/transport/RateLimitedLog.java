package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import io.spare.api.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;

/**
 * Logs a recurring packet problem once, then at most once per period with the number of repeats
 * in between, so that a flood of bad packets cannot flood the log (keepalived logs such errors
 * once per state for the same reason).
 */
final class RateLimitedLog {
    /** Where messages go: a Log4j logger in production, a list in tests. */
    @FunctionalInterface
    interface Sink {
        void log(Level level, String message);

        static Sink of(Logger logger) {
            return logger::log;
        }
    }

    private final Sink sink;
    private final Ticker ticker;
    private final long periodNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long lastLogged;
        final AtomicLong suppressed = new AtomicLong();
    }

    RateLimitedLog(Sink sink, Ticker ticker, Duration period) {
        this.sink = requireNonNull(sink);
        this.ticker = requireNonNull(ticker);
        this.periodNanos = period.toNanos();
    }

    /**
     * Logs {@code message} unless the same {@code key} was logged within the period.
     *
     * @return whether it was logged
     */
    boolean log(Level level, String key, String message) {
        long now = ticker.nanoTime();
        Window window = windows.computeIfAbsent(key, k -> {
            Window fresh = new Window();
            fresh.lastLogged = now - periodNanos;
            return fresh;
        });
        long repeats;
        synchronized (window) {
            if (now - window.lastLogged < periodNanos) {
                window.suppressed.incrementAndGet();
                return false;
            }
            window.lastLogged = now;
            repeats = window.suppressed.getAndSet(0);
        }
        sink.log(level, repeats > 0 ? message + " (" + repeats + " more like this since the last report)" : message);
        return true;
    }
}
