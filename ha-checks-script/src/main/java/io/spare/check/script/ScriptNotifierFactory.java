package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.Notifier;
import io.spare.api.NotifierFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import io.spare.api.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code script} notifier: an instance's or sync group's {@code notify*} keys, see {@link ScriptNotifierConfig}. */
final class ScriptNotifierFactory implements NotifierFactory {
    private final ScriptEnvironment environment;

    ScriptNotifierFactory(ScriptEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public Notifier create(PluginConfig config, PluginContext context) throws PluginConfigException {
        ScriptNotifierConfig bound = ScriptNotifierConfig.read(config);
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ScriptRuntime> runtime = ScriptRuntime.resolve("notify_user", bound.notifyUser(), context, environment, problems);
        Map<VrrpState, ScriptNotifier.Hook> hooks = new EnumMap<>(VrrpState.class);
        hook("notify_master", bound.notifyMaster(), config, runtime, problems).ifPresent(h -> hooks.put(VrrpState.MASTER, h));
        hook("notify_backup", bound.notifyBackup(), config, runtime, problems).ifPresent(h -> hooks.put(VrrpState.BACKUP, h));
        hook("notify_fault", bound.notifyFault(), config, runtime, problems).ifPresent(h -> hooks.put(VrrpState.FAULT, h));
        hook("notify_stop", bound.notifyStop(), config, runtime, problems).ifPresent(h -> hooks.put(VrrpState.STOP, h));
        Optional<ScriptNotifier.Hook> generic = hook("notify", bound.notifyAny(), config, runtime, problems);
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        Duration timeout = bound.notifyTimeout();
        return new ScriptNotifier(hooks, generic, timeout, runtime.orElseThrow());
    }

    private static Optional<ScriptNotifier.Hook> hook(
            String key, Object value, PluginConfig config, Optional<ScriptRuntime> runtime, List<ConfigProblem> problems) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<ScriptCommand> command = ScriptCommand.parse(key, value, false, problems);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        runtime.ifPresent(r -> r.guard().validate(key, command.get(), config, problems));
        return Optional.of(new ScriptNotifier.Hook(key, command.get()));
    }
}
