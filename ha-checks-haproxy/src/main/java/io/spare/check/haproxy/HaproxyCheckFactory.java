package io.spare.check.haproxy;

import io.spare.api.ConfigProblem;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code type: haproxy} check. Binds and validates; opens nothing until the first run. */
public final class HaproxyCheckFactory implements HealthCheckFactory {
    public static final String NAME = "haproxy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
        HaproxyCheckConfig bound = config.bind(HaproxyCheckConfig.class);
        List<ConfigProblem> problems = new ArrayList<>();

        StatsSource source = source(bound, context, problems, config);

        for (int i = 0; i < bound.frontends().size(); i++) {
            String frontend = bound.frontends().get(i);
            if (frontend == null || frontend.isBlank()) {
                problems.add(new ConfigProblem("frontends[" + i + "]", "must be a frontend name"));
            }
        }
        Map<String, BackendRequirement> backends = new LinkedHashMap<>();
        for (Map.Entry<String, BackendRequirement> entry : bound.backends().entrySet()) {
            BackendRequirement rule = entry.getValue() == null ? BackendRequirement.DEFAULT : entry.getValue();
            String key = "backends." + entry.getKey();
            if (rule.minUp() != null && rule.minUp() < 1) {
                problems.add(new ConfigProblem(key + ".min_up", "must be at least 1 (was " + rule.minUp() + ")"));
            }
            if (rule.minUpPercent() != null && (rule.minUpPercent() < 1 || rule.minUpPercent() > 100)) {
                problems.add(new ConfigProblem(key + ".min_up_percent", "must be 1..100 (was " + rule.minUpPercent() + ")"));
            }
            if (rule.maxSessions() != null && rule.maxSessions() < 1) {
                problems.add(new ConfigProblem(key + ".max_sessions", "must be at least 1 (was " + rule.maxSessions() + ")"));
            }
            backends.put(entry.getKey(), rule);
        }

        Optional<OnFailCommand> onFail = onFail(bound, context, problems);

        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        HaproxyRequirements requirements = new HaproxyRequirements(bound.frontends(), backends, bound.failIfStopping());
        return new HaproxyStatsCheck(config.path(), source, requirements, onFail, context.ticker());
    }

    private static StatsSource source(HaproxyCheckConfig bound, PluginContext context, List<ConfigProblem> problems, PluginConfig config) {
        boolean hasSocket = bound.socket() != null;
        boolean hasUrl = bound.url() != null;
        if (hasSocket == hasUrl) {
            problems.add(new ConfigProblem(hasSocket ? "url" : "socket", hasSocket
                    ? "socket and url are exclusive: ask the runtime API or the stats page, not both"
                    : "set socket (HAProxy's stats socket, e.g. /run/haproxy/admin.sock) or url (its stats page)"));
            return null;
        }
        if (hasSocket) {
            if (bound.username() != null) {
                problems.add(new ConfigProblem("username", "only with url: the stats socket has no login"));
            }
            if (bound.password() != null) {
                problems.add(new ConfigProblem("password", "only with url: the stats socket has no login"));
            }
            try {
                return StatsSource.runtimeApi(new RuntimeApiClient(EndpointParser.socket(bound.socket(), context.configDirectory())));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("socket", e.getMessage()));
                return null;
            }
        }
        if (bound.password() != null && bound.username() == null) {
            problems.add(new ConfigProblem("password", "needs username"));
        }
        if (config.keys().contains("fail_if_stopping")) {
            config.warn("fail_if_stopping", "has no effect with url: the stats page does not tell whether HAProxy is stopping");
        }
        try {
            return StatsSource.statsPage(new HttpStatsClient(EndpointParser.url(
                    bound.url(), Optional.ofNullable(bound.username()), Optional.ofNullable(bound.password()))));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("url", e.getMessage()));
            return null;
        }
    }

    private static Optional<OnFailCommand> onFail(HaproxyCheckConfig bound, PluginContext context, List<ConfigProblem> problems) {
        if (bound.onFail() == null) {
            if (bound.onFailTimeout() != null) {
                problems.add(new ConfigProblem("on_fail_timeout", "only with on_fail"));
            }
            return Optional.empty();
        }
        if (bound.onFailTimeout() != null && (bound.onFailTimeout().isNegative() || bound.onFailTimeout().isZero())) {
            problems.add(new ConfigProblem("on_fail_timeout", "must be positive (was " + bound.onFailTimeout() + ")"));
        }
        List<String> argv;
        try {
            argv = CommandLine.argv(bound.onFail());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("on_fail", e.getMessage()));
            return Optional.empty();
        }
        Optional<Path> executable = CommandLine.resolve(argv.get(0), context.configDirectory());
        if (executable.isEmpty()) {
            problems.add(new ConfigProblem("on_fail", "'" + argv.get(0) + "' is not an executable file"
                    + (argv.get(0).contains("/") ? "" : " on the PATH")));
            return Optional.empty();
        }
        ScriptSafety.problem(executable.get(), context.scriptSecurity()).ifPresent(why -> problems.add(
                new ConfigProblem("on_fail", "refused by enable_script_security: " + why)));
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, executable.get().toString());
        List<String> prefix;
        try {
            prefix = CommandLine.launcherPrefix(context.scriptSecurity());
        } catch (IllegalStateException e) {
            problems.add(new ConfigProblem("on_fail", e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(new OnFailCommand(resolved, Optional.ofNullable(bound.onFailTimeout()), context.configDirectory(), prefix));
    }

    static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
