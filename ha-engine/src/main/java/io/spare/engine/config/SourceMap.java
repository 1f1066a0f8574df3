package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where every key and value of one file sits, by its dotted key path ({@code
 * instances.VI_1.priority}, list items as {@code instances.VI_1.virtual_ipaddress[0]}). Built while
 * parsing, so that problems found after binding still point at the right line.
 */
public final class SourceMap {

    /** A 1-based line and column. */
    public record Location(int line, int column) {
        public static final Location START = new Location(1, 1);
    }

    private final Path file;
    private final Map<String, Location> keys;
    private final Map<String, Location> values;
    private final Map<String, String> scalarTexts;

    private SourceMap(Path file, Map<String, Location> keys, Map<String, Location> values, Map<String, String> scalarTexts) {
        this.file = requireNonNull(file, "file");
        // wrapped, not copied: a large file's maps hold tens of thousands of paths, and the builder
        // that filled them is dropped after build()
        this.keys = Collections.unmodifiableMap(keys);
        this.values = Collections.unmodifiableMap(values);
        this.scalarTexts = Collections.unmodifiableMap(scalarTexts);
    }

    /** A map that knows no positions: every path is located at the start of {@code file}. */
    public static SourceMap empty(Path file) {
        return new SourceMap(file, Map.of(), Map.of(), Map.of());
    }

    /** The file, as the user named it. */
    public Path file() {
        return file;
    }

    /** Where the key of {@code path} is written; empty for list items and unknown paths. */
    public Optional<Location> keyLocation(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    /** Where the value of {@code path} starts. */
    public Optional<Location> valueLocation(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /** Where to point at for a problem with the value of {@code path}: its value, else its key, else the nearest enclosing key. */
    public Location locateValue(String path) {
        Location value = values.get(path);
        return value != null ? value : locateKey(path);
    }

    /** Where to point at for a problem with the key {@code path} itself (unknown, duplicate, missing inside it). */
    public Location locateKey(String path) {
        for (String at = path; ; at = parent(at)) {
            Location key = keys.get(at);
            if (key == null) {
                key = values.get(at);
            }
            if (key != null) {
                return key;
            }
            if (at.isEmpty()) {
                return Location.START;
            }
        }
    }

    /** An error about the value at {@code path}. */
    public ConfigDiagnostic error(String path, String message) {
        return at(locateValue(path), path, message, ConfigDiagnostic.Severity.ERROR);
    }

    /** An error about the key at {@code path} (unknown or duplicate key, or a key missing inside it). */
    public ConfigDiagnostic keyError(String path, String message) {
        return at(locateKey(path), path, message, ConfigDiagnostic.Severity.ERROR);
    }

    /** A warning about the value at {@code path}. */
    public ConfigDiagnostic warning(String path, String message) {
        return at(locateValue(path), path, message, ConfigDiagnostic.Severity.WARNING);
    }

    public ConfigDiagnostic at(Location location, String path, String message, ConfigDiagnostic.Severity severity) {
        return new ConfigDiagnostic(file, location.line(), location.column(), path, message, severity);
    }

    /**
     * The scalar exactly as written, for values YAML read as a number, boolean or null: so that {@code
     * auth_pass: 0123} stays {@code "0123"} where a string is expected.
     */
    Optional<String> scalarText(String path) {
        return Optional.ofNullable(scalarTexts.get(path));
    }

    /** {@code parent.key}, or {@code key} at the top. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** {@code parent[index]}. */
    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path: {@code a.b[2]} for {@code a.b[2].c}, {@code a.b} for {@code a.b[2]}, empty at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static final class Builder {
        private final Path file;
        private final Map<String, Location> keys = new HashMap<>();
        private final Map<String, Location> values = new HashMap<>();
        private final Map<String, String> scalarTexts = new HashMap<>();

        Builder(Path file) {
            this.file = file;
        }

        void key(String path, Location location) {
            keys.put(path, location);
        }

        void value(String path, Location location) {
            values.put(path, location);
        }

        void scalarText(String path, String text) {
            scalarTexts.put(path, text);
        }

        SourceMap build() {
            return new SourceMap(file, keys, values, scalarTexts);
        }
    }
}
