package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** Binds one entry of {@code checks:}: the shared keys here, every other key into its plugin's block. */
final class CheckBinder {
    static final String PATH = "checks";
    static final List<String> SHARED_KEYS = List.of("type", "interval", "timeout", "rise", "fall", "weight", "init_fail");

    private final Diagnostics diagnostics;

    CheckBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    CheckConfig bind(String name, JsonNode value) {
        String path = SourceMap.child(PATH, name);
        Section check = Section.open(value, path, diagnostics, SHARED_KEYS, key -> !SHARED_KEYS.contains(key));
        String type = check.pluginType();
        Duration interval = check.positiveDuration("interval").orElse(CheckConfig.DEFAULT_INTERVAL);
        Duration timeout = check.positiveDuration("timeout").orElse(interval);
        return new CheckConfig(
                name,
                type,
                interval,
                timeout,
                check.integer("rise", 1, Integer.MAX_VALUE).orElse(1),
                check.integer("fall", 1, Integer.MAX_VALUE).orElse(1),
                check.integer("weight", -TrackListBinder.MAX_WEIGHT, TrackListBinder.MAX_WEIGHT).orElse(0),
                check.bool("init_fail").orElse(false),
                new ConfigBlock(path, check.copyOf(key -> !SHARED_KEYS.contains(key))));
    }
}
