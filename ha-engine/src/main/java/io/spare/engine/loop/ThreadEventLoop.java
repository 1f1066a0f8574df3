package io.spare.engine.loop;

import static java.util.Objects.requireNonNull;

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
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final TimerQueue timers = new TimerQueue();
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    public ThreadEventLoop(String name, Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
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
                Runnable posted = tasks.poll(wait, TimeUnit.NANOSECONDS);
                if (posted != null) {
                    runSafely(posted);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
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
