package io.spare.engine.testing;

import static java.util.Objects.requireNonNull;

import io.spare.api.Ticker;
import io.spare.engine.loop.EventLoop;
import io.spare.engine.loop.LoopTimer;
import io.spare.engine.loop.TimerQueue;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A deterministic event loop for tests: the test thread drives it. Posted tasks run when the test
 * calls {@link #runPending()} or advances time; timers fire in deadline order with the ticker set to
 * each deadline exactly, so tests can assert times to the nanosecond. Other threads (check workers)
 * may post tasks; {@link #awaitTask} waits for one without sleeping.
 */
public final class TestingEventLoop implements EventLoop {
    private final TestingTicker ticker;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final TimerQueue timers = new TimerQueue();
    private final Thread driver = Thread.currentThread();

    public TestingEventLoop() {
        this(new TestingTicker());
    }

    public TestingEventLoop(TestingTicker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    public TestingTicker testingTicker() {
        return ticker;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(requireNonNull(task, "task"));
    }

    @Override
    public LoopTimer newTimer(Runnable action) {
        return timers.newTimer(action);
    }

    /** Runs {@code action} once at {@code deadline} (loop nanos). */
    public void schedule(long deadline, Runnable action) {
        newTimer(action).setDeadline(deadline);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == driver;
    }

    /** Runs posted tasks until none is left (tasks may post more). */
    public void runPending() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Advances time by {@code duration}, running every task and timer due on the way. */
    public void advance(Duration duration) {
        advanceTo(ticker.nanoTime() + duration.toNanos());
    }

    public void advanceTo(long target) {
        runUntil(() -> false, target);
    }

    /**
     * Runs tasks and timers, in order, until {@code condition} holds (checked after each one) or the
     * time would pass {@code limit}.
     *
     * @return the loop time at which the condition first held
     * @throws AssertionError if it did not hold by {@code limit}
     */
    public long advanceUntil(BooleanSupplier condition, Duration limit) {
        long deadline = ticker.nanoTime() + limit.toNanos();
        if (!runUntil(condition, deadline)) {
            throw new AssertionError("condition not reached within " + limit + " (now " + ticker.nanoTime() + " ns)");
        }
        return ticker.nanoTime();
    }

    private boolean runUntil(BooleanSupplier condition, long target) {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
                continue;
            }
            long next = timers.nextDeadline();
            if (next == LoopTimer.NEVER || next > target) {
                ticker.set(Math.max(ticker.nanoTime(), target));
                runPendingChecking(condition);
                return condition.getAsBoolean();
            }
            if (next > ticker.nanoTime()) {
                ticker.set(next);
            }
            timers.fireOneDue(ticker.nanoTime());
        }
    }

    private void runPendingChecking(BooleanSupplier condition) {
        Runnable task;
        while (!condition.getAsBoolean() && (task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Waits (real time, for work on other threads) for one posted task and runs it. */
    public void awaitTask(Duration timeout) throws InterruptedException {
        Runnable task = tasks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (task == null) {
            throw new AssertionError("no task posted within " + timeout);
        }
        task.run();
    }

    /**
     * Runs posted tasks as they arrive (real time, for work on other threads; the loop time does not
     * move) until {@code condition} holds.
     */
    public void awaitCondition(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            Runnable task = left > 0 ? tasks.poll(left, TimeUnit.NANOSECONDS) : null;
            if (task == null) {
                throw new AssertionError("condition not reached within " + timeout + " of real time");
            }
            task.run();
        }
    }

    public long nanos() {
        return ticker.nanoTime();
    }
}
