package io.spare.check.script;

import static java.util.Objects.requireNonNull;

import io.spare.api.DurationText;
import java.time.Duration;

/**
 * How one run of a script ended.
 *
 * @param status whether it exited, was killed at its timeout, or could not start
 * @param exitCode its exit code, or 128 + the signal that ended it; -1 unless it exited
 * @param output the first line of its standard error, else of its standard output (or why it did not
 *     start)
 * @param elapsed how long it ran
 */
record RunOutcome(Status status, int exitCode, String output, Duration elapsed) {
    enum Status {
        EXITED,
        TIMED_OUT,
        NOT_STARTED
    }

    RunOutcome {
        requireNonNull(status, "status");
        requireNonNull(output, "output");
        requireNonNull(elapsed, "elapsed");
    }

    boolean succeeded() {
        return status == Status.EXITED && exitCode == 0;
    }

    /** {@code exit code 3: haproxy not running}, {@code timed out after 2s}, ... */
    String describe(Duration timeout) {
        String detail = output.isEmpty() ? "" : ": " + output;
        return switch (status) {
            case EXITED -> "exit code " + exitCode + detail;
            case TIMED_OUT -> "timed out after " + DurationText.format(timeout) + detail;
            case NOT_STARTED -> "could not start" + detail;
        };
    }
}
