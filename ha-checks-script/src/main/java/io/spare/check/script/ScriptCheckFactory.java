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

/** {@code type: script}: see {@link ScriptCheckConfig}. */
final class ScriptCheckFactory implements HealthCheckFactory {
    private final ScriptEnvironment environment;

    ScriptCheckFactory(ScriptEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
        ScriptCheckConfig bound = config.bind(ScriptCheckConfig.class);
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ScriptCommand> command = ScriptCommand.parse("script", bound.script(), bound.shell(), problems);
        Optional<ScriptRuntime> runtime = ScriptRuntime.resolve("user", Optional.ofNullable(bound.user()), context, environment, problems);
        if (command.isPresent() && runtime.isPresent()) {
            runtime.get().guard().validate("script", command.get(), config, problems);
        }
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        return new ScriptCheck(command.get(), runtime.get());
    }
}
