package io.spare.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;

/**
 * Log4j2 takes about a fifth of a second to configure itself (some 650 classes to load), a fifth of
 * the time from process start to a running engine. {@link #begin()} does that on a thread of its own
 * while the main thread reads the command line and the configuration.
 *
 * <p>Nothing may log before {@link #await()} has returned: an event logged while Log4j2 is still
 * configuring goes to its default configuration, which drops everything below ERROR. Taking a
 * {@code Logger} is fine at any time (Log4j2 updates it once configured); logging through it is not.
 */
final class LoggingStartup {
    private static final AtomicBoolean BEGUN = new AtomicBoolean();
    private static final CompletableFuture<Void> READY = new CompletableFuture<>();

    private LoggingStartup() {}

    /** Starts configuring Log4j2 in the background; only the first call does anything. */
    static void begin() {
        if (BEGUN.compareAndSet(false, true)) {
            Thread thread = new Thread(LoggingStartup::configure, "spare-logging-start");
            // A command that never logs (--help, import-keepalived) exits without waiting for it.
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Returns once Log4j2 is configured; configures it on this thread if nothing began it. */
    static void await() {
        if (BEGUN.compareAndSet(false, true)) {
            configure();
        }
        READY.join();
    }

    private static void configure() {
        try {
            LogManager.getContext(false);
            READY.complete(null);
        } catch (Throwable e) {
            READY.completeExceptionally(e);
        }
    }
}
