package io.spare.engine.loop;

import java.util.Comparator;
import java.util.PriorityQueue;

/** Deadlines in order, for one loop thread. Equal deadlines fire in the order they were queued. */
public final class TimerQueue {
    private final PriorityQueue<LoopTimer> queue = new PriorityQueue<>(
            Comparator.<LoopTimer>comparingLong(t -> t.queuedAt).thenComparingLong(t -> t.sequence));
    private long nextSequence;

    public LoopTimer newTimer(Runnable action) {
        return new LoopTimer(this, action);
    }

    void enqueue(LoopTimer timer, long at) {
        timer.queuedAt = at;
        timer.sequence = nextSequence++;
        queue.add(timer);
    }

    void requeue(LoopTimer timer, long at) {
        queue.remove(timer);
        enqueue(timer, at);
    }

    /** The earliest live deadline, or {@link LoopTimer#NEVER}. Drops cancelled entries on the way. */
    public long nextDeadline() {
        while (true) {
            LoopTimer head = queue.peek();
            if (head == null) {
                return LoopTimer.NEVER;
            }
            long deadline = head.deadline();
            if (deadline == head.queuedAt) {
                return deadline;
            }
            queue.poll();
            head.queuedAt = LoopTimer.NEVER;
            if (deadline != LoopTimer.NEVER) {
                enqueue(head, deadline);
            }
        }
    }

    /**
     * Fires the earliest timer if its deadline is at or before {@code now}.
     *
     * @return whether one fired
     */
    public boolean fireOneDue(long now) {
        long next = nextDeadline();
        if (next == LoopTimer.NEVER || next > now) {
            return false;
        }
        LoopTimer head = queue.poll();
        head.queuedAt = LoopTimer.NEVER;
        head.fire();
        return true;
    }

    public boolean isEmpty() {
        return nextDeadline() == LoopTimer.NEVER;
    }
}
