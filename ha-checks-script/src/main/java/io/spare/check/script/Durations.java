package io.spare.check.script;

import java.time.Duration;

/** Formats durations the way {@code spare.yaml} writes them: {@code 2s}, {@code 500ms}, {@code 1.5s}. */
final class Durations {
    private Durations() {}

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
