package io.spare.engine.check;

import static io.spare.engine.testing.TestingConfigs.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.engine.testing.TestingCheck;
import io.spare.engine.testing.TestingEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {
    private static final Duration TWO_S = Duration.ofSeconds(2);
    private final TestingEventLoop loop = new TestingEventLoop();
    private ExecutorService pool;

    @AfterEach
    void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private ScheduledCheck schedule(CheckScheduler scheduler, TestingCheck testing, int rise, int fall, boolean initFail) {
        return scheduler.add(check("chk", TWO_S, Duration.ofSeconds(1), rise, fall, -5, initFail), testing);
    }

    @Test
    void runsAtStartThenEveryInterval() {
        CheckScheduler scheduler = new CheckScheduler(loop, Runnable::run);
        TestingCheck testing = new TestingCheck();
        schedule(scheduler, testing, 1, 1, false);
        scheduler.start();
        loop.advance(Duration.ZERO);
        assertThat(testing.runs()).isEqualTo(1);
        loop.advance(Duration.ofMillis(1999));
        assertThat(testing.runs()).isEqualTo(1);
        loop.advance(Duration.ofMillis(1));
        assertThat(testing.runs()).isEqualTo(2);
        loop.advance(Duration.ofSeconds(10));
        assertThat(testing.runs()).isEqualTo(7);
        assertThat(scheduler.status().get(0).runs()).isEqualTo(7);
    }

    @Test
    void fallAndRiseNeedConsecutiveResultsAfterTheFirstOne() {
        CheckScheduler scheduler = new CheckScheduler(loop, Runnable::run);
        TestingCheck testing = new TestingCheck();
        ScheduledCheck chk = schedule(scheduler, testing, 3, 2, false);
        List<Boolean> changes = new ArrayList<>();
        chk.addListener(() -> changes.add(chk.ok()));
        scheduler.start();
        loop.advance(Duration.ZERO);
        assertThat(chk.ok()).isTrue();

        testing.fail("down");
        loop.advance(TWO_S); // 1st failure
        assertThat(chk.ok()).isTrue();
        testing.pass();
        loop.advance(TWO_S); // a pass resets the fall count
        testing.fail("down");
        loop.advance(TWO_S);
        assertThat(chk.ok()).isTrue();
        loop.advance(TWO_S); // 2nd failure in a row
        assertThat(chk.ok()).isFalse();
        assertThat(chk.message()).isEqualTo("down");

        testing.pass();
        loop.advance(TWO_S);
        loop.advance(TWO_S);
        assertThat(chk.ok()).isFalse();
        loop.advance(TWO_S); // 3rd pass in a row
        assertThat(chk.ok()).isTrue();
        assertThat(changes).containsExactly(false, true);
        CheckStatus status = scheduler.status().get(0);
        assertThat(status.failures()).isEqualTo(3);
        assertThat(status.runs()).isEqualTo(8);
    }

    @Test
    void theFirstResultDecidesAtOnceUnlessInitFail() {
        CheckScheduler scheduler = new CheckScheduler(loop, Runnable::run);
        TestingCheck testing = new TestingCheck().fail("down");
        ScheduledCheck chk = schedule(scheduler, testing, 2, 3, false);
        scheduler.start();
        loop.advance(Duration.ZERO);
        assertThat(chk.ok()).isFalse();

        CheckScheduler other = new CheckScheduler(loop, Runnable::run);
        TestingCheck passing = new TestingCheck();
        ScheduledCheck initFail = other.add(check("chk2", TWO_S, TWO_S, 2, 1, 0, true), passing);
        assertThat(initFail.ok()).isFalse();
        other.start();
        loop.advance(Duration.ZERO);
        assertThat(initFail.ok()).isFalse();
        loop.advance(TWO_S);
        assertThat(initFail.ok()).isTrue();
    }

    @Test
    void aRunNowRequestRunsAtOnceAndTheIntervalRestartsFromThere() {
        CheckScheduler scheduler = new CheckScheduler(loop, Runnable::run);
        TestingCheck testing = new TestingCheck();
        schedule(scheduler, testing, 1, 1, false);
        scheduler.start();
        loop.advance(Duration.ofMillis(500));
        testing.requestRun();
        loop.runPending();
        assertThat(testing.runs()).isEqualTo(2);
        loop.advance(Duration.ofMillis(1999));
        assertThat(testing.runs()).isEqualTo(2);
        loop.advance(Duration.ofMillis(1));
        assertThat(testing.runs()).isEqualTo(3);
    }

    @Test
    void aHungRunIsInterruptedAtTheTimeoutAndCountedAsAFailedTimeout() throws Exception {
        pool = Executors.newCachedThreadPool();
        CheckScheduler scheduler = new CheckScheduler(loop, pool);
        TestingCheck testing = new TestingCheck().hang();
        ScheduledCheck chk = schedule(scheduler, testing, 1, 1, false);
        scheduler.start();
        loop.awaitCondition(() -> !chk.workerBusy(), Duration.ofSeconds(10)); // start() ran on a worker
        loop.advance(Duration.ZERO);
        testing.awaitRunStarted(Duration.ofSeconds(10));

        loop.advance(Duration.ofMillis(999));
        assertThat(chk.ok()).isTrue();
        loop.advance(Duration.ofMillis(1)); // the 1 s timeout
        assertThat(chk.ok()).isFalse();
        assertThat(chk.message()).isEqualTo("timed out after 1s");
        CheckStatus status = scheduler.status().get(0);
        assertThat(status.timeouts()).isEqualTo(1);
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.lastDuration()).isEqualTo(Duration.ofSeconds(1));

        // the interrupted worker reports back; its late result is not counted twice
        loop.awaitCondition(() -> !chk.workerBusy(), Duration.ofSeconds(10));
        assertThat(scheduler.status().get(0).runs()).isEqualTo(1);
        assertThat(testing.maxConcurrentRuns()).isEqualTo(1);
    }

    @Test
    void aRunThatIgnoresTheInterruptIsNeverOverlapped() throws Exception {
        pool = Executors.newCachedThreadPool();
        CheckScheduler scheduler = new CheckScheduler(loop, pool);
        TestingCheck testing = new TestingCheck().hangIgnoringInterrupts();
        ScheduledCheck chk = schedule(scheduler, testing, 1, 1, false);
        scheduler.start();
        loop.awaitCondition(() -> !chk.workerBusy(), Duration.ofSeconds(10)); // start() ran on a worker
        loop.advance(Duration.ZERO);
        testing.awaitRunStarted(Duration.ofSeconds(10));
        loop.advance(Duration.ofSeconds(1));
        assertThat(chk.ok()).isFalse();
        loop.advance(Duration.ofMillis(4500)); // runs due at 2 s and 4 s are skipped: the worker is stuck
        assertThat(testing.runs()).isEqualTo(1);
        assertThat(scheduler.status().get(0).skipped()).isEqualTo(2);

        testing.pass().releaseHang();
        loop.awaitCondition(() -> !chk.workerBusy(), Duration.ofSeconds(10)); // the stuck run returns
        loop.advance(Duration.ofMillis(500)); // the run due at 6 s starts on a worker (time stays before its timeout)
        loop.awaitCondition(() -> testing.runs() == 2 && !chk.workerBusy(), Duration.ofSeconds(10)); // and reports back
        assertThat(testing.runs()).isEqualTo(2);
        assertThat(testing.maxConcurrentRuns()).isEqualTo(1);
        assertThat(chk.ok()).as(chk.message()).isTrue();
    }

    @Test
    void anExceptionIsAFailureWithItsMessage() {
        CheckScheduler scheduler = new CheckScheduler(loop, Runnable::run);
        ScheduledCheck chk = scheduler.add(check("boom", TWO_S, 0), timeout -> {
            throw new java.io.IOException("connection refused");
        });
        scheduler.start();
        loop.advance(Duration.ZERO);
        assertThat(chk.ok()).isFalse();
        assertThat(chk.message()).isEqualTo("connection refused");
    }
}
