package io.spare.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.EventWaiter;
import io.spare.api.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadEventLoopTest {
    @Test
    void runsTasksInOrderAndTimersOnTheLoopThreadAndSurvivesAThrowingTask() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("test-loop", Ticker.system()).start()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> seen.add("one"));
            loop.execute(() -> {
                throw new IllegalStateException("a bad event");
            });
            loop.execute(() -> {
                seen.add("two");
                LoopTimer timer = loop.newTimer(() -> {
                    seen.add(loop.inLoop() ? "timer on loop" : "timer elsewhere");
                    done.countDown();
                });
                timer.setDeadline(loop.nanoTime() + Duration.ofMillis(20).toNanos());
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("one", "two", "timer on loop");
            assertThat(loop.inLoop()).isFalse();
        }
    }

    @Test
    void aThrowingTimerDoesNotKillTheLoopAndTimersFireDuringATaskFlood() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("test-loop", Ticker.system()).start()) {
            CountDownLatch timerFired = new CountDownLatch(1);
            CountDownLatch afterwards = new CountDownLatch(1);
            loop.execute(() -> {
                loop.newTimer(() -> {
                    throw new IllegalStateException("a bad timer");
                }).setDeadline(loop.nanoTime());
                loop.newTimer(timerFired::countDown).setDeadline(loop.nanoTime() + Duration.ofMillis(5).toNanos());
            });
            // keep the loop busy with posted work far longer than the timer's 5 ms
            Runnable[] flood = new Runnable[1];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            flood[0] = () -> {
                if (timerFired.getCount() > 0 && System.nanoTime() < end) {
                    loop.execute(flood[0]);
                }
            };
            loop.execute(flood[0]);
            assertThat(timerFired.await(3, TimeUnit.SECONDS)).as("the timer fired during the flood").isTrue();
            loop.execute(afterwards::countDown);
            assertThat(afterwards.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A waiter as an adapter would be: waits on its own wake-up signal, records where and how long. */
    static final class RecordingWaiter implements EventWaiter {
        final Semaphore signal = new Semaphore(0);
        final List<Long> timeouts = new CopyOnWriteArrayList<>();
        final List<String> detachedOn = new CopyOnWriteArrayList<>();
        volatile boolean failNext;

        @Override
        public void await(long timeoutNanos) {
            timeouts.add(timeoutNanos);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("a broken waiter");
            }
            try {
                signal.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void wakeup() {
            signal.release();
        }

        @Override
        public void detach() {
            detachedOn.add(Thread.currentThread().getName());
        }
    }

    @Test
    void anIdleLoopWaitsInTheAdaptersWaiterUntilTheNextDeadlineOrAPost() throws Exception {
        RecordingWaiter waiter = new RecordingWaiter();
        try (ThreadEventLoop loop = new ThreadEventLoop("waiter-loop", Ticker.system(), waiter).start()) {
            // Idle with no timer: the loop waits its longest (1 s); a post from here must end that wait at once.
            Thread.sleep(50);
            CountDownLatch ran = new CountDownLatch(1);
            long posted = System.nanoTime();
            loop.execute(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - posted).as("a post wakes the waiting loop").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));

            CountDownLatch fired = new CountDownLatch(1);
            loop.execute(() -> {
                waiter.timeouts.clear();
                loop.newTimer(fired::countDown).setDeadline(loop.nanoTime() + Duration.ofMillis(50).toNanos());
            });
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(waiter.timeouts.get(0)).as("the wait after the timer is bounded by its deadline")
                    .isBetween(Duration.ofMillis(1).toNanos(), Duration.ofMillis(50).toNanos());

            waiter.failNext = true;
            waiter.wakeup();
            CountDownLatch after = new CountDownLatch(1);
            Thread.sleep(20);
            loop.execute(after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).as("a throwing waiter does not stop the loop").isTrue();
        }
        assertThat(waiter.detachedOn).containsExactly("waiter-loop");
    }
}
