package io.spare.netlink.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a deadline, checking often: no fixed sleeps. */
final class Poll {
    private Poll() {}

    static <T> T until(Duration timeout, Callable<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            value = probe.call();
        }
        return value;
    }
}
