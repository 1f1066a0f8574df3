package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Binds one entry of {@code checks:}: the shared keys here, every other key into its plugin's block. */
final class CheckBinder {
    static final String PATH = "checks";
    static final List<String> SHARED_KEYS = List.of("type", "interval", "timeout", "rise", "fall", "weight", "init_fail");
    static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Diagnostics diagnostics;

    CheckBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    CheckConfig bind(String name, JsonNode value) {
        String path = SourceMap.child(PATH, name);
        Section check = Section.open(value, path, diagnostics, SHARED_KEYS, key -> !SHARED_KEYS.contains(key));
        String type = typeName(check);
        Duration interval = positive(check, "interval").orElse(CheckConfig.DEFAULT_INTERVAL);
        Duration timeout = positive(check, "timeout").orElse(interval);
        return new CheckConfig(
                name,
                type,
                interval,
                timeout,
                check.integer("rise", 1, Integer.MAX_VALUE).orElse(1),
                check.integer("fall", 1, Integer.MAX_VALUE).orElse(1),
                check.integer("weight", -253, 253).orElse(0),
                check.bool("init_fail").orElse(false),
                new ConfigBlock(path, check.copyOf(key -> !SHARED_KEYS.contains(key))));
    }

    /** {@code type:}, required and shaped like a factory name; empty string when invalid. */
    static String typeName(Section section) {
        String type = section.requiredString("type").orElse("");
        if (!type.isEmpty() && !TYPE_NAME.matcher(type).matches()) {
            sectionError(section, "type", "must be a plugin type name like `script` ([a-z][a-z0-9-]*) (was '" + type + "')");
            return "";
        }
        return type;
    }

    private static void sectionError(Section section, String key, String message) {
        section.diagnostics().error(section.path(key), message);
    }

    static java.util.Optional<Duration> positive(Section section, String key) {
        java.util.Optional<Duration> duration = section.duration(key);
        if (duration.isPresent() && duration.get().isZero()) {
            section.diagnostics().error(section.path(key), "must be more than 0s");
            return java.util.Optional.empty();
        }
        return duration;
    }
}
