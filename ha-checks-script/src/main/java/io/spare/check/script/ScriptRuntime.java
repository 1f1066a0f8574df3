package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What running scripts of one block needs, resolved at config time: who they run as, the security
 * guard, the process runner and the base environment.
 */
record ScriptRuntime(RunAs runAs, ScriptGuard guard, ProcessGroupRunner runner, Map<String, String> environment) {
    ScriptRuntime {
        environment = Map.copyOf(environment);
    }

    /**
     * @param userKey the key of the block's user override, named in errors
     * @param user the block's user override
     * @return empty if a problem was added
     */
    static Optional<ScriptRuntime> resolve(
            String userKey, Optional<String> user, PluginContext context, ScriptEnvironment environment, List<ConfigProblem> problems) {
        RunAs runAs;
        try {
            runAs = RunAs.resolve(userKey, user, context.scriptSecurity());
        } catch (PluginConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
        Optional<ProcessGroupRunner> runner = ProcessGroupRunner.system(context.ticker());
        if (runner.isEmpty()) {
            problems.add(new ConfigProblem("", "running scripts needs setsid (util-linux), which is not installed"));
            return Optional.empty();
        }
        ScriptGuard guard = new ScriptGuard(context.scriptSecurity().enabled(), runAs, environment.path(), context.configDirectory());
        return Optional.of(new ScriptRuntime(runAs, guard, runner.get(), environment.forUser(runAs)));
    }

    /** Runs a prepared command as the configured user. */
    RunOutcome run(List<String> argv, Map<String, String> extraEnvironment, Duration timeout) throws InterruptedException {
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(argv);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(extraEnvironment);
        return runner.run(command, env, timeout);
    }
}
