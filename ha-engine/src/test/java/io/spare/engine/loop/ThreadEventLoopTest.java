package io.spare.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
}
