package io.spare.api;

import java.time.Duration;
import java.util.Map;

/**
 * A health check, as keepalived's {@code vrrp_script}/{@code track_*}. The engine schedules it every
 * {@code interval} on a worker thread, never two runs of one check at once, and posts the result to
 * the event loop; rise/fall hysteresis and weights are the engine's business.
 */
public interface HealthCheck extends AutoCloseable {
    /**
     * Runs the check once. May block, but must return within {@code timeout}: a check that runs a
     * process kills it (with its process group) when the timeout passes. The engine interrupts the
     * thread and counts a timeout if it does not return in time.
     *
     * @return the result; an exception thrown counts as a failure with its message
     */
    CheckResult run(Duration timeout) throws Exception;

    /**
     * Called once before the first run. A check that can notice changes by itself (inotify, a
     * socket) calls {@code runNow} to have the engine run it at once instead of at the next interval.
     */
    default void start(Runnable runNow) throws Exception {}

    /** Counters for status and metrics (name to value); the engine keeps runs/failures/timeouts. */
    default Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    default void close() throws Exception {}
}
