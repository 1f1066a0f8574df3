package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code type: process}: see {@link ProcessCheckConfig}. */
final class ProcessCheckFactory implements HealthCheckFactory {
    private static final int MAX_QUORUM = 65535;

    @Override
    public String name() {
        return "process";
    }

    @Override
    public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
        ProcessCheckConfig bound = config.bind(ProcessCheckConfig.class);
        List<ConfigProblem> problems = new ArrayList<>();
        if (bound.process() == null || bound.process().isBlank()) {
            problems.add(new ConfigProblem("process", "is required"));
        }
        Optional<List<String>> parameters = Optional.empty();
        if (bound.parameters() != null) {
            parameters = ScriptCommand.words("parameters", bound.parameters(), problems);
        } else if (bound.paramMatch() != null) {
            parameters = Optional.of(List.of());
        }
        OptionalInt quorumMax = bound.quorumMax();
        int quorum = bound.quorum().orElse(quorumMax.isPresent() && quorumMax.getAsInt() == 0 ? 0 : 1);
        if (quorum < 0 || quorum > MAX_QUORUM) {
            problems.add(new ConfigProblem("quorum", "must be 0.." + MAX_QUORUM + " (was " + quorum + ")"));
        }
        if (quorumMax.isPresent() && (quorumMax.getAsInt() < quorum || quorumMax.getAsInt() > MAX_QUORUM)) {
            problems.add(new ConfigProblem("quorum_max", "must be " + quorum + ".." + MAX_QUORUM + " (was " + quorumMax.getAsInt() + ")"));
        }
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        ProcessCheckConfig.ParamMatch match = bound.paramMatch() == null ? ProcessCheckConfig.ParamMatch.EXACT : bound.paramMatch();
        return new ProcessCheck(new ProcessMatcher(bound.process().strip(), parameters, match), quorum, quorumMax, context.ticker());
    }
}
