package io.spare.engine.loop;

import static java.util.Objects.requireNonNull;

/**
 * One reusable deadline. Moving a deadline later costs nothing: the queued entry stays where it is
 * and is re-queued when it comes up, so a BACKUP whose down timer is pushed back on every advert
 * produces no garbage and no heap churn.
 */
public final class LoopTimer {
    /** No deadline. */
    public static final long NEVER = Long.MAX_VALUE;

    private final TimerQueue queue;
    private final Runnable action;
    private long deadline = NEVER;
    /** The key this timer sits in the queue under, or NEVER when it is not queued. */
    long queuedAt = NEVER;
    long sequence;

    LoopTimer(TimerQueue queue, Runnable action) {
        this.queue = requireNonNull(queue, "queue");
        this.action = requireNonNull(action, "action");
    }

    /** Sets the deadline (the loop ticker's nanos); {@link #NEVER} cancels. */
    public void setDeadline(long nanos) {
        deadline = nanos;
        if (nanos == NEVER) {
            return;
        }
        if (queuedAt == NEVER) {
            queue.enqueue(this, nanos);
        } else if (nanos < queuedAt) {
            queue.requeue(this, nanos);
        }
    }

    public void cancel() {
        deadline = NEVER;
    }

    public long deadline() {
        return deadline;
    }

    public boolean isScheduled() {
        return deadline != NEVER;
    }

    void fire() {
        deadline = NEVER;
        action.run();
    }
}
