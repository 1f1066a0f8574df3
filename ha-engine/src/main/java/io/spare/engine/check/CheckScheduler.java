package io.spare.engine.check;

import static java.util.Objects.requireNonNull;

import io.spare.api.HealthCheck;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.loop.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Runs every health check on its interval on the worker pool and posts the results to the loop.
 * One check may be tracked by several instances: each registers a listener on the {@link
 * ScheduledCheck}. Loop thread only, except construction.
 */
public final class CheckScheduler {
    private final EventLoop loop;
    private final Executor workers;
    private final Map<String, ScheduledCheck> checks = new LinkedHashMap<>();

    public CheckScheduler(EventLoop loop, Executor workers) {
        this.loop = requireNonNull(loop, "loop");
        this.workers = requireNonNull(workers, "workers");
    }

    public ScheduledCheck add(CheckConfig config, HealthCheck check) {
        if (checks.containsKey(config.name())) {
            throw new IllegalArgumentException("check " + config.name() + " added twice");
        }
        ScheduledCheck scheduled = new ScheduledCheck(config, check, loop, workers);
        checks.put(config.name(), scheduled);
        return scheduled;
    }

    public Optional<ScheduledCheck> get(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /** Starts every check: {@code start(runNow)}, then a first run at once. */
    public void start() {
        checks.values().forEach(ScheduledCheck::start);
    }

    public void stop() {
        checks.values().forEach(ScheduledCheck::stop);
    }

    public List<CheckStatus> status() {
        List<CheckStatus> all = new ArrayList<>();
        checks.values().forEach(c -> all.add(c.status()));
        return List.copyOf(all);
    }
}
