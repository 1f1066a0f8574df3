package io.spare.check.script;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Counts matching processes straight from {@code /proc}, as keepalived's {@code
 * vrrp_track_process}: passes while the count is within {@code quorum..quorum_max}.
 */
final class ProcessCheck implements HealthCheck {
    private final ProcessMatcher matcher;
    private final int quorum;
    private final OptionalInt quorumMax;
    private final Ticker ticker;
    private final CheckCounters counters = new CheckCounters();

    ProcessCheck(ProcessMatcher matcher, int quorum, OptionalInt quorumMax, Ticker ticker) {
        this.matcher = matcher;
        this.quorum = quorum;
        this.quorumMax = quorumMax;
        this.ticker = ticker;
    }

    @Override
    public CheckResult run(Duration timeout) {
        long start = ticker.nanoTime();
        long count = ProcFs.processes(true).stream().filter(matcher::matches).count();
        boolean ok = count >= quorum && (quorumMax.isEmpty() || count <= quorumMax.getAsInt());
        String running = matcher.describe() + ": " + count + (count == 1 ? " process" : " processes") + " running";
        CheckResult result = ok ? CheckResult.passed(running) : CheckResult.failed(running + ", need " + need());
        counters.record(ok, false, Duration.ofNanos(ticker.nanoTime() - start));
        return result;
    }

    private String need() {
        if (quorumMax.isEmpty()) {
            return quorum == 1 ? "1" : "at least " + quorum;
        }
        int max = quorumMax.getAsInt();
        if (max == 0) {
            return "none";
        }
        return quorum == max ? String.valueOf(quorum) : quorum + ".." + max;
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "process " + matcher.describe();
    }
}
