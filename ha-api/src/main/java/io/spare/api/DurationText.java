package io.spare.api;

import java.time.Duration;

/**
 * Writes a duration the way {@code spare.yaml} does, in its shortest form ({@code 500ms},
 * {@code 1.5s}, {@code 2m}): the engine's form for messages, for plugins to share, so that a user
 * reads the same value in an error that they wrote in the file.
 */
public final class DurationText {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private DurationText() {}

    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.toNanos() % 1_000_000 == 0 && duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        if (duration.toSeconds() >= 60 && duration.toNanos() % 60_000_000_000L == 0) {
            return duration.toMinutes() + "m";
        }
        // long arithmetic: BigDecimal's exact division allocates a dozen objects a call
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (nanos == 0) {
            return seconds + "s";
        }
        String fraction = Long.toString(NANOS_PER_SECOND + nanos).substring(1);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return seconds + "." + fraction.substring(0, end) + "s";
    }
}
