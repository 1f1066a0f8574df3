package io.spare.engine.check;

import static java.util.Objects.requireNonNull;

import io.spare.api.CheckResult;
import io.spare.api.DurationText;
import io.spare.api.HealthCheck;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.loop.EventLoop;
import io.spare.engine.loop.LoopTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One health check on its schedule. All fields but the worker hand-off are owned by the loop thread.
 *
 * <p>A run goes to a worker; the loop arms a timeout timer. If the run does not return in time the
 * loop interrupts the worker and counts a timeout failure; a run that ignores the interrupt keeps its
 * worker busy, and runs that come due meanwhile are skipped (counted), so one check never overlaps
 * itself.
 *
 * <p>Hysteresis as keepalived: before the first result the check counts as OK (FAILED with {@code
 * init_fail}); the first result decides at once; after that it takes {@code fall} failures in a row to
 * fail and {@code rise} passes in a row to recover. A numeric result ({@link CheckResult#value()})
 * takes effect at once.
 */
public final class ScheduledCheck {
    private static final Logger log = LogManager.getLogger(ScheduledCheck.class);

    private final CheckConfig config;
    private final HealthCheck check;
    private final EventLoop loop;
    private final Executor workers;
    private final List<Runnable> listeners = new ArrayList<>();
    private final LoopTimer nextRun;
    private final LoopTimer timeoutTimer;
    private final Object runnerLock = new Object();
    private Thread runner;

    private boolean ok;
    private boolean decided;
    private int passesInRow;
    private int failuresInRow;
    private OptionalInt value = OptionalInt.empty();
    private String message = "not run yet";

    private boolean started;
    private boolean stopped;
    private boolean running;
    private boolean workerBusy;
    private long generation;
    private long startedAt;

    private long runs;
    private long failures;
    private long timeouts;
    private long skipped;
    private long lastDurationNanos;

    ScheduledCheck(CheckConfig config, HealthCheck check, EventLoop loop, Executor workers) {
        this.config = requireNonNull(config, "config");
        this.check = requireNonNull(check, "check");
        this.loop = requireNonNull(loop, "loop");
        this.workers = requireNonNull(workers, "workers");
        this.ok = !config.initFail();
        this.decided = config.initFail();
        this.nextRun = loop.newTimer(this::runIfIdle);
        this.timeoutTimer = loop.newTimer(this::timedOut);
    }

    public String name() {
        return config.name();
    }

    public CheckConfig config() {
        return config;
    }

    /** The state after hysteresis. */
    public boolean ok() {
        return ok;
    }

    /** The last numeric result, if the check reports numbers. */
    public OptionalInt value() {
        return value;
    }

    public String message() {
        return message;
    }

    /** Whether a worker is still inside {@code run} (also after a timeout, until it returns). */
    public boolean workerBusy() {
        return workerBusy;
    }

    /** Called on the loop whenever {@link #ok()} or {@link #value()} changes. Loop thread only. */
    public void addListener(Runnable listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    void start() {
        if (started) {
            return;
        }
        started = true;
        // start() is plugin code that may do I/O (watches, sockets): it runs on a worker, and the
        // first run is scheduled once it has returned.
        workerBusy = true;
        try {
            workers.execute(this::startOnWorker);
        } catch (RejectedExecutionException e) {
            workerBusy = false;
            log.error("check {}: no worker to start it on: {}", name(), e.toString());
        }
    }

    private void startOnWorker() {
        try {
            check.start(() -> loop.execute(this::runNowRequested));
        } catch (Exception | LinkageError e) {
            log.error("check {}: start failed: {}", name(), e.toString());
        } finally {
            loop.execute(() -> {
                workerBusy = false;
                if (!stopped) {
                    nextRun.setDeadline(loop.nanoTime());
                }
            });
        }
    }

    void stop() {
        stopped = true;
        nextRun.cancel();
        timeoutTimer.cancel();
        interruptRunner();
    }

    private void runNowRequested() {
        if (!running && !stopped && !workerBusy) {
            runIfIdle();
        }
    }

    private void runIfIdle() {
        if (stopped) {
            return;
        }
        long now = loop.nanoTime();
        if (running) {
            return;
        }
        if (workerBusy) {
            skipped++;
            log.warn("check {}: previous run still has not returned; skipping this run", name());
            nextRun.setDeadline(now + config.interval().toNanos());
            return;
        }
        launch(now);
    }

    private void launch(long now) {
        long gen = ++generation;
        running = true;
        workerBusy = true;
        startedAt = now;
        nextRun.cancel();
        timeoutTimer.setDeadline(now + config.timeout().toNanos());
        try {
            workers.execute(() -> work(gen));
        } catch (RejectedExecutionException e) {
            workerBusy = false;
            finished(gen, CheckResult.failed("no worker available: " + e.getMessage()), 0);
        }
    }

    private void work(long gen) {
        synchronized (runnerLock) {
            runner = Thread.currentThread();
        }
        long t0 = loop.nanoTime();
        CheckResult result;
        try {
            result = check.run(config.timeout());
            if (result == null) {
                result = CheckResult.failed("check returned no result");
            }
        } catch (InterruptedException e) {
            result = CheckResult.failed("interrupted");
        } catch (Exception | LinkageError e) {
            result = CheckResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            synchronized (runnerLock) {
                runner = null;
                // an interrupt aimed at this run must not leak into the worker's next task
                Thread.interrupted();
            }
        }
        long duration = loop.nanoTime() - t0;
        CheckResult done = result;
        loop.execute(() -> finished(gen, done, duration));
    }

    private void finished(long gen, CheckResult result, long durationNanos) {
        if (gen != generation) {
            return;
        }
        workerBusy = false;
        if (!running) {
            return; // timed out earlier: already counted, next run already scheduled
        }
        running = false;
        timeoutTimer.cancel();
        apply(result, durationNanos);
        scheduleNext();
    }

    private void timedOut() {
        if (!running) {
            return;
        }
        running = false;
        timeouts++;
        interruptRunner();
        apply(CheckResult.failed("timed out after " + DurationText.format(config.timeout())), loop.nanoTime() - startedAt);
        scheduleNext();
    }

    private void interruptRunner() {
        synchronized (runnerLock) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        long now = loop.nanoTime();
        nextRun.setDeadline(Math.max(now, startedAt + config.interval().toNanos()));
    }

    private void apply(CheckResult result, long durationNanos) {
        runs++;
        lastDurationNanos = durationNanos;
        if (!result.ok()) {
            failures++;
        }
        boolean wasOk = ok;
        OptionalInt oldValue = value;
        message = result.message();
        value = result.value();
        if (!decided) {
            decided = true;
            ok = result.ok();
        } else if (result.ok()) {
            failuresInRow = 0;
            if (!ok && ++passesInRow >= Math.max(1, config.rise())) {
                ok = true;
                passesInRow = 0;
            }
        } else {
            passesInRow = 0;
            if (ok && ++failuresInRow >= Math.max(1, config.fall())) {
                ok = false;
                failuresInRow = 0;
            }
        }
        if (wasOk != ok) {
            if (ok) {
                log.info("check {}: now OK ({})", name(), message);
            } else {
                log.warn("check {}: now FAILED ({})", name(), message);
            }
        }
        if (wasOk != ok || !oldValue.equals(value)) {
            for (Runnable listener : listeners) {
                listener.run();
            }
        }
    }

    CheckStatus status() {
        Map<String, Long> plugin;
        try {
            plugin = check.counters();
        } catch (RuntimeException e) {
            plugin = Map.of();
        }
        return new CheckStatus(name(), ok, value, message, runs, failures, timeouts, skipped,
                Duration.ofNanos(lastDurationNanos), plugin);
    }
}
