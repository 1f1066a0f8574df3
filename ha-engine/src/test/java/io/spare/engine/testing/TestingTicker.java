package io.spare.engine.testing;

import io.spare.api.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when told. Starts at 0 ns; thread-safe. */
public final class TestingTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    public TestingTicker advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
        return this;
    }

    /** Sets the time; never backwards. */
    public TestingTicker set(long newNanos) {
        long old = nanos.get();
        if (newNanos < old) {
            throw new IllegalArgumentException("time does not go back: " + newNanos + " < " + old);
        }
        nanos.set(newNanos);
        return this;
    }
}
