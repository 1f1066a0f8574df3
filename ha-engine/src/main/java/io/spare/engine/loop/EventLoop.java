package io.spare.engine.loop;

import io.spare.api.Ticker;
import java.util.concurrent.Executor;

/**
 * The one thread that owns all VRRP state. Other threads only {@link #execute post} work to it;
 * timers are deadlines on the loop's {@link Ticker}, never sleeps.
 */
public interface EventLoop extends Executor {
    /** The monotonic clock every deadline of this loop is measured on. */
    Ticker ticker();

    default long nanoTime() {
        return ticker().nanoTime();
    }

    /** Queues {@code task} to run on the loop. Safe from any thread; never blocks. */
    @Override
    void execute(Runnable task);

    /**
     * A reusable timer that runs {@code action} on the loop when its deadline passes. Create and
     * use timers on the loop thread only.
     */
    LoopTimer newTimer(Runnable action);

    /** Whether the caller is the loop's own thread (a testing loop: the thread driving it). */
    boolean inLoop();
}
