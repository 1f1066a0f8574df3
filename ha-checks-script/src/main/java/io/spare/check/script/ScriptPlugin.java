package io.spare.check.script;

import io.spare.api.HealthCheckFactory;
import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import java.util.List;

/**
 * Spare's process-based checks and hooks: checks of {@code type: script} (keepalived's {@code
 * vrrp_script}), {@code file} (maintenance switch, {@code track_file}) and {@code process} ({@code
 * track_process}), and the {@code script} notifier behind the {@code notify*} keys.
 */
public final class ScriptPlugin implements SparePlugin {
    private final ScriptEnvironment environment;

    public ScriptPlugin() {
        this(ScriptEnvironment.standard());
    }

    ScriptPlugin(ScriptEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public List<HealthCheckFactory> healthCheckFactories() {
        return List.of(new ScriptCheckFactory(environment), new FileCheckFactory(), new ProcessCheckFactory());
    }

    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(new ScriptNotifierFactory(environment));
    }
}
