package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A configuration that passed validation.
 *
 * @param config the bound model
 * @param warnings what {@code spare check} prints and {@code spare run} logs; Spare starts anyway
 * @param sourceMap where each key sits in the file, to locate problems found later (plugin blocks,
 *     unknown {@code type:} names)
 */
public record LoadedConfig(SpareConfig config, List<ConfigDiagnostic> warnings, SourceMap sourceMap) {
    public LoadedConfig {
        requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
        requireNonNull(sourceMap, "sourceMap");
    }
}
