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
    private final Logger logger;
    private final Ticker ticker;
    private final long periodNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long lastLogged;
        final AtomicLong suppressed = new AtomicLong();
    }

    RateLimitedLog(Logger logger, Ticker ticker, Duration period) {
        this.logger = requireNonNull(logger);
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
        if (repeats > 0) {
            logger.log(level, "{} ({} more like this since the last report)", message, repeats);
        } else {
            logger.log(level, message);
        }
        return true;
    }
}
