package io.spare.check.haproxy;

import io.spare.api.DurationText;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one {@code on_fail} run ended.
 *
 * @param exitCode the exit code; empty if it was killed or never started
 * @param timedOut it ran past its time and its process group was killed
 * @param startError why it could not be started at all
 * @param output the tail of what it wrote to stdout and stderr
 * @param took how long it ran
 */
record CommandOutcome(OptionalInt exitCode, boolean timedOut, Optional<String> startError, String output, Duration took) {

    boolean succeeded() {
        return exitCode.isPresent() && exitCode.getAsInt() == 0;
    }

    /** {@code exited 0}, {@code exited 3}, {@code killed after 5s}, {@code could not start: ...}. */
    String describe() {
        if (startError.isPresent()) {
            return "could not start: " + startError.get();
        }
        if (timedOut) {
            return "killed after " + DurationText.format(took);
        }
        return "exited " + exitCode.orElse(-1);
    }
}
