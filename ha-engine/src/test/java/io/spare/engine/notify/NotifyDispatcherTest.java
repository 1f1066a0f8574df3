package io.spare.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import io.spare.api.VrrpState;
import io.spare.engine.testing.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifyDispatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
        watchdog.shutdownNow();
    }

    private static StateTransition transition(String name, VrrpState from, VrrpState to) {
        return new StateTransition(StateTransition.Scope.INSTANCE, name, Optional.empty(), from, to, 100, List.of(),
                "test", Instant.EPOCH);
    }

    @Test
    void transitionsArriveInOrderAndOnlyAtMatchingRoutes() throws Exception {
        RecordingNotifier all = new RecordingNotifier();
        RecordingNotifier onlyVi2 = new RecordingNotifier();
        NotifyDispatcher dispatcher = new NotifyDispatcher(List.of(
                new NotifierRoute("all", all, Set.of()), new NotifierRoute("vi2", onlyVi2, Set.of("VI_2"))),
                pool, watchdog, 16);
        VrrpState[] path = {VrrpState.INIT, VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP};
        for (int i = 1; i < path.length; i++) {
            dispatcher.dispatch(transition("VI_1", path[i - 1], path[i]));
            dispatcher.dispatch(transition("VI_2", path[i - 1], path[i]));
        }
        dispatcher.drained().get(10, TimeUnit.SECONDS);
        assertThat(all.states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP);
        assertThat(all.transitions()).hasSize(8);
        assertThat(onlyVi2.transitions()).extracting(StateTransition::name).containsOnly("VI_2").hasSize(4);
        assertThat(dispatcher.status()).extracting(NotifierStatus::delivered).containsExactly(8L, 4L);
    }

    @Test
    void aHungNotifierIsInterruptedAtItsTimeoutAndDelaysNobodyElse() throws Exception {
        RecordingNotifier hung = new RecordingNotifier(Duration.ofSeconds(1)).hang();
        RecordingNotifier fine = new RecordingNotifier();
        NotifyDispatcher dispatcher = new NotifyDispatcher(List.of(
                new NotifierRoute("hung", hung, Set.of()), new NotifierRoute("fine", fine, Set.of())), pool, watchdog, 16);

        long start = System.nanoTime();
        dispatcher.dispatch(transition("VI_1", VrrpState.INIT, VrrpState.BACKUP));
        dispatcher.dispatch(transition("VI_1", VrrpState.BACKUP, VrrpState.MASTER));
        long dispatchNanos = System.nanoTime() - start;
        assertThat(dispatchNanos).as("dispatch never blocks the caller").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));

        fine.awaitCount(2, WAIT);
        hung.awaitCount(1, WAIT);
        assertThat(hung.transitions()).hasSize(1); // still stuck in the first one, for up to a second
        // after two timeouts the hung lane has tried both, in order
        dispatcher.drained().get(10, TimeUnit.SECONDS);
        assertThat(hung.states("VI_1")).containsExactly(VrrpState.BACKUP, VrrpState.MASTER);
        assertThat(hung.interruptions()).isEqualTo(2);
        assertThat(dispatcher.status().get(0).timedOut()).isEqualTo(2);
        assertThat(dispatcher.status().get(1).delivered()).isEqualTo(2);
    }

    @Test
    void aFullQueueDropsTheOldest() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        List<VrrpState> seen = new ArrayList<>();
        Notifier blocking = transition -> {
            entered.countDown();
            gate.await();
            synchronized (seen) {
                seen.add(transition.to());
            }
        };
        NotifyDispatcher dispatcher = new NotifyDispatcher(List.of(new NotifierRoute("slow", blocking, Set.of())),
                pool, watchdog, 2);
        dispatcher.dispatch(transition("VI_1", VrrpState.INIT, VrrpState.BACKUP)); // taken by the lane
        entered.await(10, TimeUnit.SECONDS);
        dispatcher.dispatch(transition("VI_1", VrrpState.BACKUP, VrrpState.MASTER)); // dropped later
        dispatcher.dispatch(transition("VI_1", VrrpState.MASTER, VrrpState.FAULT));
        dispatcher.dispatch(transition("VI_1", VrrpState.FAULT, VrrpState.BACKUP));
        assertThat(dispatcher.status().get(0).dropped()).isEqualTo(1);
        gate.countDown();
        dispatcher.drained().get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly(VrrpState.BACKUP, VrrpState.FAULT, VrrpState.BACKUP);
    }

    @Test
    void aThrowingNotifierIsCountedAndTheLaneGoesOn() throws Exception {
        List<String> calls = new ArrayList<>();
        Notifier flaky = transition -> {
            calls.add(transition.to().name());
            if (transition.to() == VrrpState.BACKUP) {
                throw new IllegalStateException("smtp down");
            }
        };
        NotifyDispatcher dispatcher = new NotifyDispatcher(List.of(new NotifierRoute("flaky", flaky, Set.of())),
                Runnable::run, watchdog, 8);
        dispatcher.dispatch(transition("VI_1", VrrpState.INIT, VrrpState.BACKUP));
        dispatcher.dispatch(transition("VI_1", VrrpState.BACKUP, VrrpState.MASTER));
        assertThat(calls).containsExactly("BACKUP", "MASTER");
        assertThat(dispatcher.status().get(0).failed()).isEqualTo(1);
        assertThat(dispatcher.status().get(0).delivered()).isEqualTo(1);
    }
}
