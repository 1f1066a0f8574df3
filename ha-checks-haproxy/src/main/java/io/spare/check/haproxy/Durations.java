package io.spare.check.haproxy;

import java.math.BigDecimal;
import java.time.Duration;

/** Writes durations the way spare.yaml does ({@code 2s}, {@code 500ms}, {@code 1.5s}), for messages. */
final class Durations {
    private Durations() {}

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
