package io.spare.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class Maps {
    private Maps() {}

    /** An unmodifiable copy that keeps the iteration order (the file's order). */
    static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
