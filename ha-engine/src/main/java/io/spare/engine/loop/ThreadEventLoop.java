package io.spare.engine.loop;

import static java.util.Objects.requireNonNull;

import io.spare.api.EventWaiter;
import io.spare.api.Ticker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The production loop: one daemon thread that runs posted tasks and due timers. A task that throws
 * is logged and the loop goes on: one bad event must not take VRRP down.
 */
public final class ThreadEventLoop implements EventLoop, AutoCloseable {
    private static final Logger log = LogManager.getLogger(ThreadEventLoop.class);

    private static final int TASK_BURST = 256;

    private final Ticker ticker;
    /** Where an idle loop waits when an adapter offers to read its sockets on this thread; else null. */
    private final EventWaiter waiter;
    /** Set while the loop waits in {@link #waiter}: only then does a post from another thread need a wake-up. */
    private volatile boolean waiting;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final TimerQueue timers = new TimerQueue();
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    public ThreadEventLoop(String name, Ticker ticker) {
        this(name, ticker, null);
    }

    /** A loop that waits in {@code waiter} when idle (null: on its task queue). */
    public ThreadEventLoop(String name, Ticker ticker, EventWaiter waiter) {
        this.ticker = requireNonNull(ticker, "ticker");
        this.waiter = waiter;
        this.thread = new Thread(this::run, requireNonNull(name, "name"));
        thread.setDaemon(true);
    }

    public ThreadEventLoop start() {
        thread.start();
        return this;
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(requireNonNull(task, "task"));
        if (waiting && !inLoop()) {
            waiter.wakeup();
        }
    }

    @Override
    public LoopTimer newTimer(Runnable action) {
        return timers.newTimer(action);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        try {
            while (running) {
                int ran = 0;
                Runnable task;
                // a burst of posted work (an advert flood) must not starve the timers: adverts to send
                while (ran < TASK_BURST && (task = tasks.poll()) != null) {
                    runSafely(task);
                    ran++;
                }
                int fired = 0;
                long now = ticker.nanoTime();
                while (fireOneSafely(now)) {
                    fired++;
                }
                if (ran > 0 || fired > 0) {
                    continue;
                }
                long next = timers.nextDeadline();
                long wait = next == LoopTimer.NEVER ? TimeUnit.SECONDS.toNanos(1) : Math.max(0, next - now);
                if (waiter == null) {
                    Runnable posted = tasks.poll(wait, TimeUnit.NANOSECONDS);
                    if (posted != null) {
                        runSafely(posted);
                    }
                } else {
                    awaitInWaiter(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (waiter != null) {
                waiter.detach();
            }
            finished.countDown();
        }
    }

    private void awaitInWaiter(long nanos) {
        // Announce the wait before looking at the queue: a post either sees the flag or is seen here.
        waiting = true;
        try {
            if (tasks.isEmpty()) {
                waiter.await(nanos);
            }
        } catch (RuntimeException | Error e) {
            log.error("event loop waiter failed: {}", e.toString(), e);
        } finally {
            waiting = false;
        }
    }

    private boolean fireOneSafely(long now) {
        try {
            return timers.fireOneDue(now);
        } catch (RuntimeException | Error e) {
            log.error("event loop timer failed: {}", e.toString(), e);
            return true;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("event loop task failed: {}", e.toString(), e);
        }
    }

    /** Stops the thread after the task it is running; waits up to {@code bound}. */
    public void shutdown(Duration bound) throws InterruptedException {
        execute(() -> running = false);
        if (!finished.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
