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
}
