package io.spare.check.script;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What {@code HealthCheck.counters()} reports: runs, failures, timeouts, last run's duration. */
final class CheckCounters {
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong lastDurationMs = new AtomicLong();

    void record(boolean ok, boolean timedOut, Duration duration) {
        runs.incrementAndGet();
        if (!ok) {
            failures.incrementAndGet();
        }
        if (timedOut) {
            timeouts.incrementAndGet();
        }
        lastDurationMs.set(duration.toMillis());
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("runs", runs.get());
        out.put("failures", failures.get());
        out.put("timeouts", timeouts.get());
        out.put("last_duration_ms", lastDurationMs.get());
        return java.util.Collections.unmodifiableMap(out);
    }
}
