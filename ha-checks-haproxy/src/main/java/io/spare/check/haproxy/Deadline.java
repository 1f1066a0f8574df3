package io.spare.check.haproxy;

import io.spare.api.Ticker;
import java.time.Duration;

/** A point in monotonic time that every blocking step of one run must respect. */
final class Deadline {
    private final Ticker ticker;
    private final long deadlineNanos;
    private final Duration budget;

    private Deadline(Ticker ticker, long deadlineNanos, Duration budget) {
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    static Deadline after(Ticker ticker, Duration budget) {
        Duration positive = budget.isNegative() ? Duration.ZERO : budget;
        return new Deadline(ticker, ticker.nanoTime() + positive.toNanos(), positive);
    }

    /** The time this deadline was given, for messages ("within 2s"). */
    Duration budget() {
        return budget;
    }

    Duration remaining() {
        long left = deadlineNanos - ticker.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    boolean expired() {
        return deadlineNanos - ticker.nanoTime() <= 0;
    }

    /** Milliseconds left, at least 1 while not expired, so that a select never blocks forever on 0. */
    long remainingMillisForSelect() {
        long left = deadlineNanos - ticker.nanoTime();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999) / 1_000_000);
    }
}
