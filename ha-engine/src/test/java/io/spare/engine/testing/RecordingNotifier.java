package io.spare.engine.testing;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import io.spare.api.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link Notifier} that records what it is told; it can also hang, to test timeouts. */
public final class RecordingNotifier implements Notifier {
    private final List<StateTransition> received = new ArrayList<>();
    private final Duration timeout;
    private volatile boolean hang;
    private volatile long interrupted;

    public RecordingNotifier() {
        this(Duration.ofSeconds(60));
    }

    public RecordingNotifier(Duration timeout) {
        this.timeout = timeout;
    }

    /** Every later call blocks until interrupted. */
    public RecordingNotifier hang() {
        hang = true;
        return this;
    }

    @Override
    public void notify(StateTransition transition) throws InterruptedException {
        synchronized (this) {
            received.add(transition);
            notifyAll();
        }
        if (hang) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted++;
                throw e;
            }
        }
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    public synchronized List<StateTransition> transitions() {
        return List.copyOf(received);
    }

    public synchronized List<StateTransition> transitions(String name) {
        return received.stream().filter(t -> t.name().equals(name)).toList();
    }

    /** The states {@code name} entered, in order. */
    public synchronized List<VrrpState> states(String name) {
        List<VrrpState> states = new ArrayList<>();
        for (StateTransition t : received) {
            if (t.name().equals(name)) {
                states.add(t.to());
            }
        }
        return states;
    }

    /** Waits (real time) until {@code count} transitions have arrived. */
    public synchronized void awaitCount(int count, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (received.size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " transitions, got " + received);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() {}

    public long interruptions() {
        return interrupted;
    }
}
