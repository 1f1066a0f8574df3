package io.spare.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinderFactory;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.HealthCheckFactory;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.NamedFactory;
import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import java.io.IOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds plugins: those on the class path (the platform adapters in {@code lib/}), then one class
 * loader per {@code plugins/<name>/} directory over its sorted jars. A broken plugin is reported with
 * its path and does not hide the others; once all are read, any problem fails the load with the full
 * list, as do duplicate {@code type:} names (naming both plugins).
 */
public final class PluginManager {
    private static final Logger LOG = LogManager.getLogger(PluginManager.class);
    private static final Pattern FACTORY_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final ClassLoader spiLoader;

    /** @param spiLoader the loader that holds {@code io.spare.api} and the built-in adapters */
    public PluginManager(ClassLoader spiLoader) {
        this.spiLoader = requireNonNull(spiLoader, "spiLoader");
    }

    public LoadedPlugins load(Optional<Path> pluginsDirectory) throws PluginLoadException {
        List<String> problems = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>();
        loadFromClassPath(contributions, problems);
        pluginsDirectory.ifPresent(dir -> loadFromDirectory(dir, contributions, problems));

        Builder builder = new Builder(problems);
        for (Contribution contribution : contributions) {
            builder.add(contribution);
        }
        if (!problems.isEmpty()) {
            throw new PluginLoadException(problems);
        }
        List<PluginSource> sources = contributions.stream().map(Contribution::source).distinct().toList();
        return new LoadedPlugins(
                builder.checks.build(), builder.notifiers.build(), builder.transports.build(),
                builder.binders.build(), builder.linkMonitors.build(), sources);
    }

    private void loadFromClassPath(List<Contribution> contributions, List<String> problems) {
        ServiceLoader<SparePlugin> loader = ServiceLoader.load(SparePlugin.class, spiLoader);
        for (ServiceLoader.Provider<SparePlugin> provider : providers(loader, "class path", problems)) {
            PluginSource source = new PluginSource("class path (" + location(provider.type()) + ")", spiLoader);
            instantiate(provider, source, problems).ifPresent(plugin -> contributions.add(new Contribution(plugin, source)));
        }
    }

    private void loadFromDirectory(Path directory, List<Contribution> contributions, List<String> problems) {
        if (!Files.isDirectory(directory)) {
            LOG.debug("No plugin directory at {}", directory);
            return;
        }
        List<Path> pluginDirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    pluginDirs.add(entry);
                } else {
                    problems.add(entry + ": not a plugin directory (put a plugin's jars in plugins/<name>/)");
                }
            }
        } catch (IOException e) {
            problems.add(directory + ": cannot list plugins: " + e.getMessage());
            return;
        }
        pluginDirs.sort(null);
        for (Path pluginDir : pluginDirs) {
            loadPluginDirectory(pluginDir, contributions, problems);
        }
    }

    private void loadPluginDirectory(Path pluginDir, List<Contribution> contributions, List<String> problems) {
        List<URL> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pluginDir, "*.jar")) {
            List<Path> sorted = new ArrayList<>();
            entries.forEach(sorted::add);
            sorted.sort(null);
            for (Path jar : sorted) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            problems.add(pluginDir + ": cannot read plugin jars: " + e.getMessage());
            return;
        }
        if (jars.isEmpty()) {
            problems.add(pluginDir + ": no jar files in plugin directory");
            return;
        }
        PluginClassLoader loader = new PluginClassLoader("plugin-" + pluginDir.getFileName(), jars, spiLoader);
        PluginSource source = new PluginSource(pluginDir.toString(), loader);
        int found = 0;
        for (ServiceLoader.Provider<SparePlugin> provider : providers(ServiceLoader.load(SparePlugin.class, loader), pluginDir.toString(), problems)) {
            Optional<SparePlugin> plugin = instantiate(provider, source, problems);
            if (plugin.isPresent()) {
                contributions.add(new Contribution(plugin.get(), source));
                found++;
            }
        }
        if (found == 0 && problems.stream().noneMatch(p -> p.startsWith(pluginDir.toString()))) {
            problems.add(pluginDir + ": no plugin found (its jar needs META-INF/services/" + SparePlugin.class.getName() + ")");
        }
        LOG.debug("Loaded {} plugin(s) from {}", found, pluginDir);
    }

    private static List<ServiceLoader.Provider<SparePlugin>> providers(ServiceLoader<SparePlugin> loader, String where, List<String> problems) {
        List<ServiceLoader.Provider<SparePlugin>> providers = new ArrayList<>();
        try {
            loader.stream().forEach(providers::add);
        } catch (ServiceConfigurationError | LinkageError e) {
            problems.add(where + ": broken plugin: " + describe(e));
        }
        return providers;
    }

    private static Optional<SparePlugin> instantiate(ServiceLoader.Provider<SparePlugin> provider, PluginSource source, List<String> problems) {
        try {
            return Optional.of(PluginCalls.call(source.loader(), provider::get));
        } catch (Exception | ServiceConfigurationError | LinkageError e) {
            problems.add(source + ": cannot create plugin " + provider.type().getName() + ": " + describe(e));
            return Optional.empty();
        }
    }

    private static String location(Class<?> type) {
        CodeSource codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return type.getName();
        }
        String path = codeSource.getLocation().getPath();
        int slash = path.replaceAll("/+$", "").lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1).replaceAll("/+$", "") : path;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private record Contribution(SparePlugin plugin, PluginSource source) {}

    /** Collects factories per kind, reporting bad names and duplicates. */
    private static final class Builder {
        final List<String> problems;
        final KindBuilder<HealthCheckFactory> checks = new KindBuilder<>("check");
        final KindBuilder<NotifierFactory> notifiers = new KindBuilder<>("notifier");
        final KindBuilder<AdvertTransportFactory> transports = new KindBuilder<>("transport");
        final KindBuilder<AddressBinderFactory> binders = new KindBuilder<>("address binder");
        final KindBuilder<LinkMonitorFactory> linkMonitors = new KindBuilder<>("link monitor");

        Builder(List<String> problems) {
            this.problems = problems;
        }

        void add(Contribution contribution) {
            SparePlugin plugin = contribution.plugin();
            PluginSource source = contribution.source();
            collect(checks, source, plugin, SparePlugin::healthCheckFactories);
            collect(notifiers, source, plugin, SparePlugin::notifierFactories);
            collect(transports, source, plugin, SparePlugin::advertTransportFactories);
            collect(binders, source, plugin, SparePlugin::addressBinderFactories);
            collect(linkMonitors, source, plugin, SparePlugin::linkMonitorFactories);
        }

        private <F extends NamedFactory> void collect(
                KindBuilder<F> kind, PluginSource source, SparePlugin plugin, Function<SparePlugin, List<F>> getter) {
            List<F> factories;
            try {
                factories = PluginCalls.call(source.loader(), () -> List.copyOf(getter.apply(plugin)));
            } catch (Exception | LinkageError e) {
                problems.add(source + ": " + plugin.getClass().getName() + " failed to list its " + kind.kind + " factories: " + describe(e));
                return;
            }
            for (F factory : factories) {
                String name;
                try {
                    name = PluginCalls.call(source.loader(), factory::name);
                } catch (Exception | LinkageError e) {
                    problems.add(source + ": " + factory.getClass().getName() + ".name() failed: " + describe(e));
                    continue;
                }
                if (name == null || !FACTORY_NAME.matcher(name).matches()) {
                    problems.add(source + ": " + kind.kind + " type name '" + name + "' of " + factory.getClass().getName()
                            + " must match [a-z][a-z0-9-]*");
                    continue;
                }
                FactoryRegistry.Registered<F> previous = kind.factories.get(name);
                if (previous != null) {
                    problems.add("duplicate " + kind.kind + " type '" + name + "': provided by " + previous.source()
                            + " and by " + source);
                    continue;
                }
                kind.factories.put(name, new FactoryRegistry.Registered<>(factory, source));
            }
        }
    }

    private static final class KindBuilder<F extends NamedFactory> {
        final String kind;
        final Map<String, FactoryRegistry.Registered<F>> factories = new LinkedHashMap<>();

        KindBuilder(String kind) {
            this.kind = kind;
        }

        FactoryRegistry<F> build() {
            return new FactoryRegistry<>(kind, factories);
        }
    }
}
