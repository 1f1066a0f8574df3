package io.spare.check.script;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a script, as keepalived's {@code vrrp_script}: exit code 0 passes, anything else fails, and
 * a script still running at the timeout is killed with its whole process group and fails.
 */
final class ScriptCheck implements HealthCheck {
    private final ScriptCommand command;
    private final ScriptRuntime runtime;
    private final CheckCounters counters = new CheckCounters();
    private final ReentrantLock running = new ReentrantLock();

    ScriptCheck(ScriptCommand command, ScriptRuntime runtime) {
        this.command = command;
        this.runtime = runtime;
    }

    @Override
    public CheckResult run(Duration timeout) throws InterruptedException {
        // The engine never overlaps runs; this guards against a caller that does.
        if (!running.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return CheckResult.failed("previous run still in progress");
        }
        try {
            ScriptGuard.Prepared prepared = runtime.guard().prepare(command);
            if (prepared.refused()) {
                counters.record(false, false, Duration.ZERO);
                return CheckResult.failed(prepared.refusal());
            }
            long start = runtime.runner().ticker().nanoTime();
            RunOutcome outcome;
            try {
                outcome = runtime.run(prepared.argv(), Map.of(), timeout);
            } catch (InterruptedException e) {
                // The engine gave up on this run; the runner killed the script's group.
                counters.record(false, true, Duration.ofNanos(runtime.runner().ticker().nanoTime() - start));
                throw e;
            }
            counters.record(outcome.succeeded(), outcome.status() == RunOutcome.Status.TIMED_OUT, outcome.elapsed());
            String message = outcome.describe(timeout);
            return outcome.succeeded() ? CheckResult.passed(message) : CheckResult.failed(message);
        } finally {
            running.unlock();
        }
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "script " + command;
    }
}
