package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Binds one entry of {@code notifiers:}: {@code type} and {@code instances} here, the rest for the plugin. */
final class NotifierBinder {
    static final String PATH = "notifiers";
    static final List<String> SHARED_KEYS = List.of("type", "instances");

    private final Diagnostics diagnostics;

    NotifierBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    NotifierConfig bind(String name, JsonNode value) {
        String path = SourceMap.child(PATH, name);
        Section notifier = Section.open(value, path, diagnostics, SHARED_KEYS, key -> !SHARED_KEYS.contains(key));
        String type = notifier.pluginType();
        List<String> instances = notifier.strings("instances");
        return new NotifierConfig(name, type, instances, new ConfigBlock(path, notifier.copyOf(key -> !SHARED_KEYS.contains(key))));
    }
}
