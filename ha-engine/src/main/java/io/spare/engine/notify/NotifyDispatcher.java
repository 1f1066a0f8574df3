package io.spare.engine.notify;

import static java.util.Objects.requireNonNull;

import io.spare.api.StateTransition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Delivers transitions to notifiers off the event loop. Each notifier has its own bounded queue
 * drained serially, in order, by one task at a time on a shared pool; a slow or hung notifier holds
 * at most one pool thread and delays only its own queue. A call running past the notifier's timeout
 * is interrupted. When a queue is full the oldest transition is dropped (and logged): the newest
 * state is what matters.
 */
public final class NotifyDispatcher implements AutoCloseable {
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    private static final Logger log = LogManager.getLogger(NotifyDispatcher.class);

    private final List<Lane> lanes = new ArrayList<>();
    private final Executor pool;
    private final ScheduledExecutorService watchdog;

    /**
     * @param pool runs the lanes; it needs at most one thread per route at a time (a cached pool)
     * @param watchdog interrupts calls that pass their timeout
     */
    public NotifyDispatcher(List<NotifierRoute> routes, Executor pool, ScheduledExecutorService watchdog, int queueCapacity) {
        this.pool = requireNonNull(pool, "pool");
        this.watchdog = requireNonNull(watchdog, "watchdog");
        for (NotifierRoute route : routes) {
            lanes.add(new Lane(route, queueCapacity));
        }
    }

    /** Queues {@code transition} for every route that wants it. Never blocks. */
    public void dispatch(StateTransition transition) {
        for (Lane lane : lanes) {
            if (lane.route.accepts(transition)) {
                lane.offer(transition);
            }
        }
    }

    /** Completes when every queue is empty and no call is running (for a graceful stop). */
    public CompletableFuture<Void> drained() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Lane lane : lanes) {
            all.add(lane.drained());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public List<NotifierStatus> status() {
        List<NotifierStatus> all = new ArrayList<>();
        for (Lane lane : lanes) {
            all.add(lane.status());
        }
        return List.copyOf(all);
    }

    /** Closes every notifier; transitions still queued are dropped. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.close();
        }
    }

    private final class Lane implements Runnable {
        private final NotifierRoute route;
        private final int capacity;
        private final ArrayDeque<StateTransition> queue = new ArrayDeque<>();
        private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
        private boolean scheduled;
        private boolean closed;
        private long delivered;
        private long failed;
        private long timedOut;
        private long dropped;

        Lane(NotifierRoute route, int capacity) {
            this.route = route;
            this.capacity = Math.max(1, capacity);
        }

        void offer(StateTransition transition) {
            boolean start;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (queue.size() >= capacity) {
                    StateTransition oldest = queue.poll();
                    dropped++;
                    log.warn("notifier {}: queue full ({}), dropped the oldest transition {} {} -> {}",
                            route.name(), capacity, oldest.name(), oldest.from(), oldest.to());
                }
                queue.add(transition);
                start = !scheduled;
                scheduled = true;
            }
            if (start) {
                pool.execute(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                StateTransition next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        scheduled = false;
                        waiters.forEach(w -> w.complete(null));
                        waiters.clear();
                        return;
                    }
                }
                deliver(next);
            }
        }

        private void deliver(StateTransition transition) {
            Thread me = Thread.currentThread();
            Duration timeout = timeoutOf();
            Object guard = new Object();
            boolean[] done = {false};
            boolean[] fired = {false};
            ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                synchronized (guard) {
                    if (!done[0]) {
                        fired[0] = true;
                        me.interrupt();
                    }
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            Throwable error = null;
            try {
                route.notifier().notify(transition);
            } catch (Exception | LinkageError e) {
                error = e;
            } finally {
                synchronized (guard) {
                    done[0] = true;
                    Thread.interrupted();
                }
                alarm.cancel(false);
            }
            synchronized (this) {
                if (fired[0]) {
                    timedOut++;
                    log.warn("notifier {}: {} {} -> {} interrupted after {}", route.name(), transition.name(),
                            transition.from(), transition.to(), timeout);
                } else if (error != null) {
                    failed++;
                    log.warn("notifier {}: {} {} -> {} failed: {}", route.name(), transition.name(),
                            transition.from(), transition.to(), error.toString());
                } else {
                    delivered++;
                }
            }
        }

        private Duration timeoutOf() {
            try {
                Duration timeout = route.notifier().timeout();
                return timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(60) : timeout;
            } catch (RuntimeException e) {
                return Duration.ofSeconds(60);
            }
        }

        synchronized CompletableFuture<Void> drained() {
            if (!scheduled) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            waiters.add(waiter);
            return waiter;
        }

        synchronized NotifierStatus status() {
            return new NotifierStatus(route.name(), delivered, failed, timedOut, dropped, queue.size());
        }

        void close() {
            synchronized (this) {
                closed = true;
                queue.clear();
            }
            try {
                route.notifier().close();
            } catch (Exception e) {
                log.warn("notifier {}: close failed: {}", route.name(), e.toString());
            }
        }
    }
}
