package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import io.spare.api.ConfigProblem;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link PluginConfig} a plugin factory receives: one {@link ConfigBlock} of the loaded file, bound
 * by the same rules as the rest of {@code spare.yaml} and located through its {@link SourceMap}.
 *
 * <pre>{@code
 * BlockPluginConfig config = new BlockPluginConfig(check.options(), loaded.sourceMap(), warnings::add);
 * try {
 *     factory.create(config, context);
 * } catch (PluginConfigException e) {
 *     errors.addAll(config.diagnostics(e));   // spare.yaml:12:5: checks.chk.script: ...
 * }
 * }</pre>
 */
public final class BlockPluginConfig implements PluginConfig {
    private final ConfigBlock block;
    private final SourceMap sourceMap;
    private final Consumer<ConfigDiagnostic> warnings;
    private final PluginConfigBinder binder = new PluginConfigBinder();

    /**
     * @param block the plugin's keys
     * @param sourceMap where they are in the file ({@link LoadedConfig#sourceMap()})
     * @param warnings receives the plugin's {@link #warn} calls, located
     */
    public BlockPluginConfig(ConfigBlock block, SourceMap sourceMap, Consumer<ConfigDiagnostic> warnings) {
        this.block = requireNonNull(block, "block");
        this.sourceMap = requireNonNull(sourceMap, "sourceMap");
        this.warnings = requireNonNull(warnings, "warnings");
    }

    @Override
    public String path() {
        return block.path();
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        block.tree().fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public <T> T bind(Class<T> type) throws PluginConfigException {
        requireNonNull(type, "type");
        return binder.bind(block.tree(), type, key -> sourceMap.scalarText(SourceMap.child(block.path(), key)));
    }

    @Override
    public void warn(String key, String message) {
        warnings.accept(sourceMap.warning(absolute(key), message));
    }

    /** The plugin's problems as located errors, in file order. */
    public List<ConfigDiagnostic> diagnostics(PluginConfigException exception) {
        return locate(block.path(), exception, sourceMap);
    }

    /**
     * Turns the problems of a plugin's block (keys relative to the block) into located errors: an
     * unknown key points at the key, any other problem at the value, a missing key or a problem of
     * the whole block at the block's key.
     *
     * @param blockPath the block's path, e.g. {@code checks.chk_haproxy}
     */
    public static List<ConfigDiagnostic> locate(String blockPath, PluginConfigException exception, SourceMap sourceMap) {
        List<ConfigDiagnostic> located = new ArrayList<>();
        for (ConfigProblem problem : exception.problems()) {
            String path = problem.key().isEmpty() ? blockPath : SourceMap.child(blockPath, problem.key());
            located.add(problem.key().isEmpty() || problem.message().startsWith("unknown key")
                    ? sourceMap.keyError(path, problem.message())
                    : sourceMap.error(path, problem.message()));
        }
        located.sort(ConfigDiagnostic.IN_FILE_ORDER);
        return List.copyOf(located);
    }

    private String absolute(String key) {
        return key.isEmpty() ? block.path() : SourceMap.child(block.path(), key);
    }

    @Override
    public String toString() {
        return "PluginConfig[" + block.path() + "]";
    }
}
