package io.spare.api;

/** A monotonic clock in nanoseconds. The engine injects one; tests inject a manual one. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
