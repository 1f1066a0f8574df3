package io.spare.check.haproxy;

import static java.util.Objects.requireNonNull;

import io.spare.api.CheckResult;
import io.spare.api.DurationText;
import io.spare.api.HealthCheck;
import io.spare.api.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asks HAProxy itself whether it can serve: it answers its runtime API (or stats page) in time, is
 * not stopping, its frontends are OPEN and its backends have enough servers UP. This replaces the
 * reference setup's {@code ps | grep haproxy}, which passes for a hung HAProxy or one whose servers
 * are all down.
 *
 * <p>Recovery, as the reference {@code chk_haproxy.sh} restarts HAProxy: when a probe fails and the
 * check is <em>armed</em>, {@code on_fail} runs once, then the check probes again and reports that
 * second result (prefixed so the log shows a recovery happened). The check is armed at start and
 * re-armed by every passing run, so the command runs once per outage, not at every interval.
 *
 * <p>Time: everything one run does fits in the engine's {@code timeout}. Without {@code on_fail}, or
 * while disarmed, the probe has the whole timeout. While armed, each probe gets a third of it, and
 * the command what is left between them (capped by {@code on_fail_timeout}); give such a check a
 * timeout that leaves the command room (say {@code timeout: 15s} for a 10s restart).
 */
public final class HaproxyStatsCheck implements HealthCheck {
    private static final Logger LOG = LogManager.getLogger(HaproxyStatsCheck.class);

    private final String name;
    private final StatsSource source;
    private final HaproxyRequirements requirements;
    /** Between probes after on_fail, while HAProxy comes up. */
    static final Duration RECHECK_PAUSE = Duration.ofMillis(100);
    /** The least time worth giving a probe after on_fail. */
    private static final Duration MIN_PROBE = Duration.ofMillis(200);
    /** A bound that holds even with a ticker that does not move (tests). */
    private static final int MAX_RECHECKS = 100;

    private final Optional<OnFailCommand> onFail;
    private final Ticker ticker;

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong onFailRuns = new AtomicLong();
    private final AtomicLong onFailFailures = new AtomicLong();
    private volatile boolean armed = true;
    private volatile boolean warnedShortTimeout;

    HaproxyStatsCheck(String name, StatsSource source, HaproxyRequirements requirements, Optional<OnFailCommand> onFail, Ticker ticker) {
        this.name = requireNonNull(name, "name");
        this.source = requireNonNull(source, "source");
        this.requirements = requireNonNull(requirements, "requirements");
        this.onFail = requireNonNull(onFail, "onFail");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public CheckResult run(Duration timeout) throws InterruptedException {
        runs.incrementAndGet();
        Deadline whole = Deadline.after(ticker, timeout);
        boolean recover = onFail.isPresent() && armed;
        Duration probeBudget = recover ? timeout.dividedBy(3) : timeout;

        CheckResult first = probe(Deadline.after(ticker, probeBudget));
        if (first.ok()) {
            armed = true;
            return first;
        }
        if (!recover) {
            failures.incrementAndGet();
            return first;
        }

        armed = false;
        OnFailCommand command = onFail.get();
        Duration commandBudget = whole.remaining().minus(probeBudget);
        warnIfCramped(command, commandBudget, timeout);
        LOG.warn("check {}: {}; running on_fail: {}", name, first.message(), command);
        onFailRuns.incrementAndGet();
        CommandOutcome outcome = command.run(commandBudget.isNegative() ? Duration.ZERO : commandBudget);
        if (!outcome.succeeded()) {
            onFailFailures.incrementAndGet();
            LOG.warn("check {}: on_fail {}{}", name, outcome.describe(), outcome.output().isEmpty() ? "" : ": " + outcome.output());
        } else {
            LOG.info("check {}: on_fail exited 0 after {}", name, DurationText.format(outcome.took()));
        }

        // A command that failed or was killed started nothing worth waiting for: probe once.
        CheckResult second = outcome.succeeded() ? probeUntilPassing(whole) : probe(Deadline.after(ticker, whole.remaining()));
        if (second.ok()) {
            armed = true;
            return CheckResult.passed("recovered by on_fail (" + first.message() + "): " + second.message());
        }
        failures.incrementAndGet();
        return CheckResult.failed(second.message() + " (still failing after on_fail " + outcome.describe() + ")");
    }

    /**
     * After on_fail, probes until HAProxy passes or the run's time is up: a start command such as
     * {@code haproxy -D} or a SysV init script returns before the new process listens on its stats
     * socket, and one immediate probe would fail and spend the once-per-outage recovery for nothing.
     */
    private CheckResult probeUntilPassing(Deadline whole) throws InterruptedException {
        CheckResult result = probe(Deadline.after(ticker, whole.remaining()));
        for (int attempt = 1; !result.ok() && attempt < MAX_RECHECKS; attempt++) {
            // Stop while a whole probe still fits: one cut short would only report the lack of time.
            if (whole.remaining().compareTo(RECHECK_PAUSE.plus(MIN_PROBE)) < 0) {
                break;
            }
            Thread.sleep(RECHECK_PAUSE.toMillis());
            result = probe(Deadline.after(ticker, whole.remaining()));
        }
        return result;
    }

    private CheckResult probe(Deadline deadline) throws InterruptedException {
        try {
            return requirements.evaluate(source.fetch(deadline));
        } catch (ProbeException e) {
            if (e.isTimeout()) {
                timeouts.incrementAndGet();
            }
            return CheckResult.failed("haproxy: " + e.getMessage());
        }
    }

    private void warnIfCramped(OnFailCommand command, Duration commandBudget, Duration timeout) {
        Optional<Duration> wanted = command.timeout();
        if (!warnedShortTimeout && wanted.isPresent() && wanted.get().compareTo(commandBudget) > 0) {
            warnedShortTimeout = true;
            LOG.warn("check {}: on_fail_timeout {} does not fit in the check's timeout {} (on_fail gets {}): "
                    + "raise the check's timeout to at least {}", name, DurationText.format(wanted.get()),
                    DurationText.format(timeout), DurationText.format(commandBudget),
                    DurationText.format(wanted.get().multipliedBy(3)));
        }
    }

    /** runs, failures, timeouts (HAProxy did not answer in time), on_fail_runs, on_fail_failures. */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("runs", runs.get());
        counters.put("failures", failures.get());
        counters.put("timeouts", timeouts.get());
        counters.put("on_fail_runs", onFailRuns.get());
        counters.put("on_fail_failures", onFailFailures.get());
        return counters;
    }

    @Override
    public String toString() {
        return "HaproxyStatsCheck[" + name + " via " + source.display() + onFail.map(c -> ", on_fail " + c).orElse("") + "]";
    }
}
