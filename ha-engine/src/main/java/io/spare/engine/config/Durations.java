package io.spare.engine.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as {@code spare.yaml} writes them: a non-negative number with a unit {@code ms}, {@code
 * s}, {@code m} or {@code h} ({@code 500ms}, {@code 1.5s}, {@code 2m}), or a plain number of seconds
 * ({@code 2}, {@code 0.5}), as keepalived's keywords take them.
 */
public final class Durations {
    /** What every message about a malformed duration says is expected. */
    public static final String EXPECTED = "a duration like 2s, 500ms, 1.5s, 1m or a number of seconds";

    private static final Pattern DURATION =
            Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(ms|s|m|h|sec|min)?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Durations() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        BigDecimal seconds =
                switch (unit) {
                    case "ms" -> amount.movePointLeft(3);
                    case "m", "min" -> amount.multiply(BigDecimal.valueOf(60));
                    case "h" -> amount.multiply(BigDecimal.valueOf(3600));
                    default -> amount;
                };
        return ofSeconds(seconds);
    }

    /** A number of seconds, which may have a fraction, to the nearest nanosecond. */
    public static Duration ofSeconds(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("must not be negative (was " + seconds.toPlainString() + ")");
        }
        BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP);
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too long (was " + seconds.toPlainString() + "s)");
        }
    }
}
