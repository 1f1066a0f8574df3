package io.spare.engine.testing;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link HealthCheck} whose result the test sets. {@link #hang()} makes runs block until
 * interrupted (to test timeouts); {@link #requestRun()} uses the engine's {@code runNow}.
 */
public final class TestingCheck implements HealthCheck {
    private final AtomicReference<CheckResult> result = new AtomicReference<>(CheckResult.passed());
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile boolean hang;
    private volatile boolean ignoreInterrupt;
    private volatile Runnable runNow;
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean closed;

    public TestingCheck pass() {
        result.set(CheckResult.passed());
        return this;
    }

    public TestingCheck fail(String message) {
        result.set(CheckResult.failed(message));
        return this;
    }

    public TestingCheck value(int value) {
        result.set(CheckResult.value(value, "value " + value));
        return this;
    }

    /** Runs block until interrupted. */
    public TestingCheck hang() {
        hang = true;
        return this;
    }

    /** Runs block even when interrupted, until {@link #releaseHang()}. */
    public TestingCheck hangIgnoringInterrupts() {
        hang = true;
        ignoreInterrupt = true;
        return this;
    }

    public void releaseHang() {
        hang = false;
        release.countDown();
    }

    /** Waits (real time) until a run has started. */
    public void awaitRunStarted(Duration timeout) throws InterruptedException {
        if (!entered.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
            throw new AssertionError("the check did not start running");
        }
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        runs.incrementAndGet();
        try {
            entered.countDown();
            if (hang) {
                if (ignoreInterrupt) {
                    while (true) {
                        try {
                            release.await();
                            break;
                        } catch (InterruptedException ignored) {
                            // this check ignores interrupts on purpose
                        }
                    }
                } else {
                    new CountDownLatch(1).await();
                }
            }
            return result.get();
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public void start(Runnable runNow) {
        this.runNow = runNow;
    }

    /** Asks the engine for an immediate run, as a push-capable check does. */
    public void requestRun() {
        Runnable r = runNow;
        if (r == null) {
            throw new IllegalStateException("the engine has not started this check");
        }
        r.run();
    }

    public int runs() {
        return runs.get();
    }

    /** The most runs that were ever in progress at once (1 if the engine never overlaps). */
    public int maxConcurrentRuns() {
        return maxConcurrent.get();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("testing_runs", (long) runs.get());
    }

    @Override
    public void close() {
        closed = true;
    }
}
