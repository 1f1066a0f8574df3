package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.spare.api.ScriptSecurity;
import io.spare.api.Ticker;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.ConfigException;
import io.spare.engine.config.ConfigLoader;
import io.spare.engine.config.GlobalConfig;
import io.spare.engine.config.LoadedConfig;
import io.spare.engine.plugin.LoadedPlugins;
import io.spare.engine.plugin.PluginLoadException;
import io.spare.engine.plugin.PluginManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * From a configuration file to a running {@link SpareDaemon}: load the configuration, load the
 * plugins, bind every plugin block (all problems at once, located), then let Guice wire the rest.
 * {@link #check()} stops before anything is created that touches the network.
 */
public final class Bootstrap {
    private final Path configFile;
    private final Optional<Path> pluginsDirectory;
    private final ClassLoader classPath;

    /**
     * @param configFile the spare.yaml
     * @param pluginsDirectory where {@code plugins/<name>/} directories are; empty for none
     */
    public Bootstrap(Path configFile, Optional<Path> pluginsDirectory) {
        this(configFile, pluginsDirectory, Bootstrap.class.getClassLoader());
    }

    Bootstrap(Path configFile, Optional<Path> pluginsDirectory, ClassLoader classPath) {
        this.configFile = requireNonNull(configFile, "configFile");
        this.pluginsDirectory = requireNonNull(pluginsDirectory, "pluginsDirectory");
        this.classPath = requireNonNull(classPath, "classPath");
    }

    /** What {@code spare check} reports when the configuration is valid. */
    public record CheckReport(LoadedConfig config, List<ConfigDiagnostic> warnings) {}

    /** Validates the configuration and every plugin block; creates and closes the plugin ports. */
    public CheckReport check() throws ConfigException, PluginLoadException {
        LoadedConfig loaded = loadConfig();
        LoadedPlugins plugins = new PluginManager(classPath).load(pluginsDirectory);
        try (PreparedPlugins prepared = new PluginWiring(plugins, context(loaded)).prepare(loaded)) {
            List<ConfigDiagnostic> warnings = new ArrayList<>(prepared.warnings());
            warnings.addAll(InterfaceCheck.problems(loaded.config(), loaded.sourceMap(), HostFacts::interfaceExists, false));
            warnings.sort(ConfigDiagnostic.IN_FILE_ORDER);
            return new CheckReport(loaded, warnings);
        }
    }

    /** Builds a daemon ready to {@link SpareDaemon#start()}; warnings go to {@code warningSink}. */
    public SpareDaemon create(Consumer<ConfigDiagnostic> warningSink) throws ConfigException, PluginLoadException {
        return create(loadConfig(), warningSink);
    }

    /** Reads and validates the configuration file; logs nothing. */
    public LoadedConfig loadConfig() throws ConfigException {
        return new ConfigLoader().load(configFile);
    }

    /** {@link #create(Consumer)} from a configuration already {@linkplain #loadConfig() loaded}. */
    public SpareDaemon create(LoadedConfig loaded, Consumer<ConfigDiagnostic> warningSink) throws ConfigException, PluginLoadException {
        LoadedPlugins plugins = new PluginManager(classPath).load(pluginsDirectory);
        List<ConfigDiagnostic> missing = InterfaceCheck.problems(loaded.config(), loaded.sourceMap(), HostFacts::interfaceExists, true);
        EnginePluginContext context = context(loaded);
        PreparedPlugins prepared = new PluginWiring(plugins, context).prepare(loaded);
        if (!missing.isEmpty()) {
            prepared.close();
            List<ConfigDiagnostic> all = new ArrayList<>(missing);
            all.addAll(prepared.warnings());
            throw new ConfigException(all);
        }
        prepared.warnings().forEach(warningSink);
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                binder -> {
                    binder.requireExplicitBindings();
                    binder.disableCircularProxies();
                },
                new ConfigModule(loaded),
                new PluginModule(plugins, prepared),
                new RuntimeModule(context));
        return injector.getInstance(SpareDaemon.class);
    }

    private EnginePluginContext context(LoadedConfig loaded) {
        GlobalConfig global = loaded.config().global();
        String hostname = HostFacts.hostname();
        ScriptSecurity security = new ScriptSecurity(
                global.enableScriptSecurity(), global.scriptUser().map(Bootstrap::userOf), global.scriptUser().flatMap(Bootstrap::groupOf));
        Path directory = configFile.toAbsolutePath().getParent();
        return new EnginePluginContext(global.routerId().orElse(hostname), hostname, directory, Ticker.system(), Clock.systemUTC(), security);
    }

    /** {@code script_user} is {@code "user [group]"}, as keepalived's. */
    private static String userOf(String scriptUser) {
        return scriptUser.trim().split("\\s+")[0];
    }

    private static Optional<String> groupOf(String scriptUser) {
        String[] words = scriptUser.trim().split("\\s+");
        return words.length > 1 ? Optional.of(words[1]) : Optional.empty();
    }
}
