package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * The outcome of one run of a {@link HealthCheck}.
 *
 * @param ok whether the check passed
 * @param message why, for logs and status: {@code backend web: 0/2 servers UP, need 1}
 * @param value a number the check reports instead of pass/fail, as keepalived's {@code track_file}:
 *     the engine then adds {@code value × weight} to the priority (weight 0: non-zero means FAULT)
 */
public record CheckResult(boolean ok, String message, OptionalInt value) {
    private static final CheckResult PASSED = new CheckResult(true, "ok", OptionalInt.empty());

    public CheckResult {
        requireNonNull(message, "message");
        requireNonNull(value, "value");
    }

    public static CheckResult passed() {
        return PASSED;
    }

    public static CheckResult passed(String message) {
        return new CheckResult(true, message, OptionalInt.empty());
    }

    public static CheckResult failed(String message) {
        return new CheckResult(false, message, OptionalInt.empty());
    }

    /** A numeric result; {@code ok} is {@code value == 0}, for checks of weight 0. */
    public static CheckResult value(int value, String message) {
        return new CheckResult(value == 0, message, OptionalInt.of(value));
    }
}
