package io.spare.engine.importer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads keepalived's argument values (numbers, seconds, booleans) and reports a value keepalived
 * would reject as not carried over, as keepalived ignores such a line.
 */
final class Values {
    private final Notes notes;

    Values(Notes notes) {
        this.notes = notes;
    }

    /** The single argument; reported when missing. */
    Optional<String> single(Statement statement) {
        if (statement.argCount() == 0) {
            notes.notCarried(statement, "it needs a value");
            return Optional.empty();
        }
        if (statement.argCount() > 1) {
            notes.warning(statement.location(), "'" + statement.keyword() + "': extra words after '"
                    + statement.arg(0) + "' ignored: " + statement.args().subList(1, statement.argCount()).stream()
                            .map(Token::text).toList());
        }
        return Optional.of(statement.arg(0));
    }

    OptionalInt integer(Statement statement, int min, int max) {
        Optional<String> text = single(statement);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        return integer(statement, text.get(), min, max);
    }

    OptionalInt integer(Statement statement, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                notes.notCarried(statement, "must be " + min + ".." + max + " (was " + value + ")");
                return OptionalInt.empty();
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            notes.notCarried(statement, "'" + text + "' is not a whole number");
            return OptionalInt.empty();
        }
    }

    /** A number of seconds, possibly with decimals ({@code 0.5}), as a duration string. */
    Optional<String> seconds(Statement statement, double maxSeconds) {
        Optional<String> text = single(statement);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return seconds(statement, text.get(), maxSeconds);
    }

    Optional<String> seconds(Statement statement, String text, double maxSeconds) {
        return decimalSeconds(statement, text, 0, maxSeconds).map(Values::duration);
    }

    /** Like {@link #seconds(Statement, double)}, but zero is refused: spare.yaml wants more than 0s here. */
    Optional<String> positiveSeconds(Statement statement, double maxSeconds) {
        Optional<String> text = single(statement);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> value = decimalSeconds(statement, text.get(), 0, maxSeconds);
        if (value.isPresent() && value.get().signum() == 0) {
            notes.notCarried(statement, "must be more than 0 seconds; Spare's default applies");
            return Optional.empty();
        }
        return value.map(Values::duration);
    }

    Optional<BigDecimal> decimalSeconds(Statement statement, String text, double minSeconds, double maxSeconds) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.doubleValue() < minSeconds || value.doubleValue() > maxSeconds) {
                notes.notCarried(statement, "must be " + plain(minSeconds) + ".." + plain(maxSeconds)
                        + " seconds (was " + text + ")");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            notes.notCarried(statement, "'" + text + "' is not a number of seconds");
            return Optional.empty();
        }
    }

    private static String plain(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }

    /** keepalived's optional boolean: none means true; true/on/yes and false/off/no. */
    Optional<Boolean> flag(Statement statement) {
        if (statement.argCount() == 0) {
            return Optional.of(true);
        }
        String word = statement.arg(0).toLowerCase(Locale.ROOT);
        switch (word) {
            case "true", "on", "yes" -> {
                return Optional.of(true);
            }
            case "false", "off", "no" -> {
                return Optional.of(false);
            }
            default -> {
                notes.notCarried(statement, "'" + statement.arg(0) + "' is not true/false/on/off/yes/no");
                return Optional.empty();
            }
        }
    }

    /** {@code 2s}, {@code 500ms}, {@code 1.5s}: the spare.yaml duration forms. */
    static String duration(BigDecimal seconds) {
        BigDecimal normalized = seconds.stripTrailingZeros();
        if (normalized.signum() == 0) {
            return "0s";
        }
        if (normalized.scale() <= 0) {
            return normalized.toBigInteger() + "s";
        }
        BigDecimal millis = normalized.movePointRight(3);
        if (seconds.compareTo(BigDecimal.ONE) < 0 && millis.stripTrailingZeros().scale() <= 0) {
            return millis.toBigInteger() + "ms";
        }
        return normalized.toPlainString() + "s";
    }

    static String duration(Duration duration) {
        return duration(BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)));
    }
}
