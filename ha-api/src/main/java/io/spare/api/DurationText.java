package io.spare.api;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Writes a duration the way {@code spare.yaml} does, in its shortest form ({@code 500ms},
 * {@code 1.5s}, {@code 2m}): the engine's form for messages, for plugins to share, so that a user
 * reads the same value in an error that they wrote in the file.
 */
public final class DurationText {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private DurationText() {}

    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanos() % 1_000_000 == 0 && duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        if (duration.toSeconds() >= 60 && duration.toNanos() % 60_000_000_000L == 0) {
            return duration.toMinutes() + "m";
        }
        return BigDecimal.valueOf(duration.toNanos()).divide(NANOS_PER_SECOND).stripTrailingZeros().toPlainString() + "s";
    }
}
