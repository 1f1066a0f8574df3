package io.spare.engine.check;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One check as {@code spare status} shows it.
 *
 * @param name the check's name
 * @param ok the state after rise/fall hysteresis
 * @param value the last numeric result, if the check reports one
 * @param message the last result's message
 * @param runs completed runs (timeouts included)
 * @param failures runs that failed (timeouts included)
 * @param timeouts runs interrupted at the timeout
 * @param skipped runs not started because the previous one had not returned yet
 * @param lastDuration how long the last run took
 * @param pluginCounters the check's own counters
 */
public record CheckStatus(
        String name,
        boolean ok,
        OptionalInt value,
        String message,
        long runs,
        long failures,
        long timeouts,
        long skipped,
        Duration lastDuration,
        Map<String, Long> pluginCounters) {

    public CheckStatus {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(message, "message");
        requireNonNull(lastDuration, "lastDuration");
        pluginCounters = Map.copyOf(pluginCounters);
    }
}
