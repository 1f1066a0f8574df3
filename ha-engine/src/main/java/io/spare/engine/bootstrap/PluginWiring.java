package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinderFactory;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.NamedFactory;
import io.spare.api.Notifier;
import io.spare.api.NotifierFactory;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import io.spare.engine.config.BlockPluginConfig;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.config.ConfigBlock;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.ConfigException;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.config.LoadedConfig;
import io.spare.engine.config.NotifierConfig;
import io.spare.engine.config.SourceMap;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.config.SyncGroupConfig;
import io.spare.engine.notify.NotifierRoute;
import io.spare.engine.plugin.ContainedHealthCheck;
import io.spare.engine.plugin.ContainedNotifier;
import io.spare.engine.plugin.FactoryRegistry;
import io.spare.engine.plugin.FactoryRegistry.Registered;
import io.spare.engine.plugin.LoadedPlugins;
import io.spare.engine.plugin.PluginCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds every plugin block of a configuration to the plugin that provides its {@code type:}: checks,
 * the {@code notify*} hooks (type {@code script}), mail (type {@code mail}) and {@code notifiers:}.
 * Every problem is located in the file and all are reported at once. Nothing is started: this is
 * also what {@code spare check} runs.
 */
public final class PluginWiring {
    /** The notifier type the {@code notify*} keys of instances and sync groups go to. */
    public static final String SCRIPT_NOTIFIER = "script";
    /** The notifier type the global SMTP keys go to. */
    public static final String MAIL_NOTIFIER = "mail";

    private final LoadedPlugins plugins;
    private final PluginContext context;

    public PluginWiring(LoadedPlugins plugins, PluginContext context) {
        this.plugins = requireNonNull(plugins, "plugins");
        this.context = requireNonNull(context, "context");
    }

    public PreparedPlugins prepare(LoadedConfig loaded) throws ConfigException {
        Problems problems = new Problems(loaded.sourceMap());
        loaded.warnings().forEach(problems::add);
        SpareConfig config = loaded.config();

        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        for (CheckConfig check : config.checks().values()) {
            createCheck(check, problems).ifPresent(created -> checks.put(check.name(), created));
        }

        List<NotifierRoute> routes = new ArrayList<>();
        for (InstanceConfig instance : config.instances().values()) {
            scriptHooks(instance.name(), instance.notifyHooks(), problems).ifPresent(routes::add);
        }
        for (SyncGroupConfig group : config.syncGroups().values()) {
            scriptHooks(group.name(), group.notifyHooks(), problems).ifPresent(routes::add);
        }
        mail(config, problems).ifPresent(routes::add);
        for (NotifierConfig notifier : config.notifiers().values()) {
            extraNotifier(notifier, problems).ifPresent(routes::add);
        }

        Registered<AdvertTransportFactory> transport = platform(plugins.transports(), "raw", "ha-vrrp", problems);
        Registered<AddressBinderFactory> binder = platform(plugins.binders(), "netlink", "ha-netlink", problems);
        Registered<LinkMonitorFactory> linkMonitor = platform(plugins.linkMonitors(), "netlink", "ha-netlink", problems);

        PreparedPlugins prepared = new PreparedPlugins(checks, routes, transport, binder, linkMonitor, problems.warnings());
        if (problems.hasErrors()) {
            prepared.close();
            throw new ConfigException(problems.all());
        }
        return prepared;
    }

    private Optional<HealthCheck> createCheck(CheckConfig check, Problems problems) {
        String path = "checks." + check.name();
        Optional<Registered<HealthCheckFactory>> factory = find(plugins.checks(), check.type(), path + ".type", problems);
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        Registered<HealthCheckFactory> registered = factory.get();
        return create(registered, check.options(), problems, config -> registered.factory().create(config, context))
                .map(created -> new ContainedHealthCheck(created, registered.source().loader()));
    }

    private Optional<NotifierRoute> scriptHooks(String name, ConfigBlock hooks, Problems problems) {
        if (hooks.isEmpty()) {
            return Optional.empty();
        }
        String firstKey = SourceMap.child(hooks.path(), hooks.tree().fieldNames().next());
        return notifier(SCRIPT_NOTIFIER, hooks, firstKey, problems)
                .map(n -> new NotifierRoute(SCRIPT_NOTIFIER + ":" + name, n, Set.of(name)));
    }

    private Optional<NotifierRoute> mail(SpareConfig config, Problems problems) {
        Set<String> alerting = new LinkedHashSet<>();
        List<String> alertKeys = new ArrayList<>();
        config.instances().values().stream().filter(InstanceConfig::smtpAlert).forEach(i -> {
            alerting.add(i.name());
            alertKeys.add("instances." + i.name() + ".smtp_alert");
        });
        config.syncGroups().values().stream().filter(SyncGroupConfig::smtpAlert).forEach(g -> {
            alerting.add(g.name());
            alertKeys.add("sync_groups." + g.name() + ".smtp_alert");
        });
        if (alerting.isEmpty()) {
            return Optional.empty();
        }
        if (!config.global().mailConfigured()) {
            // Point at the first smtp_alert the user wrote; without one, the global default is on.
            String where = alertKeys.stream().filter(k -> problems.map.keyLocation(k).isPresent()).findFirst()
                    .orElse("global.smtp_alert");
            problems.add(problems.map.warning(where,
                    "smtp_alert is on for " + String.join(", ", alerting)
                            + " but no mail is sent: set global.notification_email and global.smtp_server"));
            return Optional.empty();
        }
        ConfigBlock block = config.global().mail();
        String firstKey = SourceMap.child("global", block.tree().fieldNames().next());
        return notifier(MAIL_NOTIFIER, block, firstKey, problems)
                .map(n -> new NotifierRoute(MAIL_NOTIFIER, n, alerting));
    }

    private Optional<NotifierRoute> extraNotifier(NotifierConfig notifier, Problems problems) {
        String path = "notifiers." + notifier.name();
        return notifier(notifier.type(), notifier.options(), path + ".type", problems)
                .map(n -> new NotifierRoute(notifier.name(), n, Set.copyOf(notifier.instances())));
    }

    private Optional<Notifier> notifier(String type, ConfigBlock block, String locateAt, Problems problems) {
        Optional<Registered<NotifierFactory>> factory = find(plugins.notifiers(), type, locateAt, problems);
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        Registered<NotifierFactory> registered = factory.get();
        return create(registered, block, problems, config -> registered.factory().create(config, context))
                .map(created -> new ContainedNotifier(created, registered.source().loader()));
    }

    private static <F extends NamedFactory> Optional<Registered<F>> find(
            FactoryRegistry<F> registry, String type, String locateAt, Problems problems) {
        Optional<Registered<F>> factory = registry.find(type);
        if (factory.isEmpty()) {
            problems.add(problems.map.error(locateAt, registry.unknownMessage(type)));
        }
        return factory;
    }

    private <T> Optional<T> create(Registered<?> registered, ConfigBlock block, Problems problems, Creation<T> creation) {
        BlockPluginConfig config = new BlockPluginConfig(block, problems.map, problems::add);
        try {
            return Optional.of(PluginCalls.call(registered.source().loader(), () -> creation.create(config)));
        } catch (PluginConfigException e) {
            config.diagnostics(e).forEach(problems::add);
        } catch (Exception | LinkageError e) {
            problems.add(problems.map.error(block.path(),
                    "the plugin from " + registered.source() + " failed: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static <F extends NamedFactory> Registered<F> platform(
            FactoryRegistry<F> registry, String preferred, String module, Problems problems) {
        Optional<Registered<F>> found = registry.find(preferred);
        if (found.isPresent()) {
            return found.get();
        }
        if (registry.names().size() == 1) {
            return registry.all().values().iterator().next();
        }
        if (registry.names().isEmpty()) {
            problems.add(problems.map.error("", "no " + registry.kind() + " on the class path: Spare's lib/ must hold "
                    + module + " and its dependencies"));
        } else {
            problems.add(problems.map.error("", "several " + registry.kind() + "s on the class path ("
                    + String.join(", ", registry.names()) + ") and none named '" + preferred + "'"));
        }
        return null;
    }

    @FunctionalInterface
    private interface Creation<T> {
        T create(BlockPluginConfig config) throws Exception;
    }

    /** Diagnostics collected across the whole configuration. */
    private static final class Problems {
        final SourceMap map;
        final List<ConfigDiagnostic> all = new ArrayList<>();

        Problems(SourceMap map) {
            this.map = map;
        }

        void add(ConfigDiagnostic diagnostic) {
            all.add(diagnostic);
        }

        boolean hasErrors() {
            return all.stream().anyMatch(ConfigDiagnostic::isError);
        }

        List<ConfigDiagnostic> warnings() {
            return all.stream().filter(d -> !d.isError()).toList();
        }

        List<ConfigDiagnostic> all() {
            return all;
        }
    }
}
