package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the engine hands work to, so that nothing blocks the loop.
 *
 * @param checkWorkers runs {@code HealthCheck.run}
 * @param addressWorker runs {@code AddressBinder} calls; must run them one at a time, in order
 * @param notifyPool runs notifier lanes; needs at most one thread per notifier at a time
 * @param notifyWatchdog interrupts notifiers that pass their timeout
 * @param owned executors the engine shuts down on close
 */
public record EngineExecutors(
        Executor checkWorkers,
        Executor addressWorker,
        Executor notifyPool,
        ScheduledExecutorService notifyWatchdog,
        List<ExecutorService> owned) {

    public EngineExecutors {
        requireNonNull(checkWorkers, "checkWorkers");
        requireNonNull(addressWorker, "addressWorker");
        requireNonNull(notifyPool, "notifyPool");
        requireNonNull(notifyWatchdog, "notifyWatchdog");
        owned = List.copyOf(owned);
    }

    /** Production threads around the given check workers: one address worker, a cached notify pool. */
    public static EngineExecutors production(Executor checkWorkers) {
        List<ExecutorService> owned = new ArrayList<>();
        ExecutorService address = Executors.newSingleThreadExecutor(daemon("spare-address"));
        ExecutorService notify = Executors.newCachedThreadPool(daemon("spare-notify"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("spare-notify-watchdog"));
        owned.add(address);
        owned.add(notify);
        owned.add(watchdog);
        return new EngineExecutors(checkWorkers, address, notify, watchdog, owned);
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
