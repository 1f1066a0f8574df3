package io.spare.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private final TimerQueue queue = new TimerQueue();
    private final List<String> fired = new ArrayList<>();

    private LoopTimer timer(String name) {
        return queue.newTimer(() -> fired.add(name));
    }

    private void runUntil(long now) {
        while (queue.fireOneDue(now)) {
            // fire everything due
        }
    }

    @Test
    void firesInDeadlineOrderAndEqualDeadlinesInQueueOrder() {
        timer("c").setDeadline(30);
        timer("a").setDeadline(10);
        timer("b1").setDeadline(20);
        timer("b2").setDeadline(20);
        runUntil(25);
        assertThat(fired).containsExactly("a", "b1", "b2");
        assertThat(queue.nextDeadline()).isEqualTo(30);
    }

    @Test
    void movingADeadlineLaterOrEarlierOrCancellingIsHonoured() {
        LoopTimer later = timer("later");
        later.setDeadline(10);
        later.setDeadline(50);
        LoopTimer earlier = timer("earlier");
        earlier.setDeadline(40);
        earlier.setDeadline(5);
        LoopTimer cancelled = timer("cancelled");
        cancelled.setDeadline(7);
        cancelled.cancel();
        runUntil(45);
        assertThat(fired).containsExactly("earlier");
        assertThat(queue.nextDeadline()).isEqualTo(50);
        runUntil(50);
        assertThat(fired).containsExactly("earlier", "later");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aTimerCanRearmItselfWhileFiring() {
        LoopTimer[] self = new LoopTimer[1];
        self[0] = queue.newTimer(() -> {
            fired.add("tick");
            if (fired.size() < 3) {
                self[0].setDeadline(100L * fired.size());
            }
        });
        self[0].setDeadline(0);
        runUntil(1_000);
        assertThat(fired).containsExactly("tick", "tick", "tick");
    }

    @Test
    void pushingADeadlineBackRepeatedlyKeepsOneQueueEntry() {
        LoopTimer down = timer("down");
        for (long t = 100; t < 100_000; t += 100) {
            down.setDeadline(t + 3_600);
        }
        runUntil(99_999);
        assertThat(fired).isEmpty();
        runUntil(103_500);
        assertThat(fired).containsExactly("down");
    }
}
