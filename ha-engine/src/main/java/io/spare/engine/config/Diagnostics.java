package io.spare.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one load, so that all are reported at once. */
final class Diagnostics {
    private final SourceMap sourceMap;
    private final List<ConfigDiagnostic> found = new ArrayList<>();

    Diagnostics(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    SourceMap sourceMap() {
        return sourceMap;
    }

    /** A problem with the value at {@code path}. */
    void error(String path, String message) {
        found.add(sourceMap.error(path, message));
    }

    /** A problem with the key at {@code path}: unknown, or missing something inside. */
    void keyError(String path, String message) {
        found.add(sourceMap.keyError(path, message));
    }

    void warning(String path, String message) {
        found.add(sourceMap.warning(path, message));
    }

    /** A warning about a whole entry, shown at its key. */
    void keyWarning(String path, String message) {
        found.add(sourceMap.at(sourceMap.locateKey(path), path, message, ConfigDiagnostic.Severity.WARNING));
    }

    void add(ConfigDiagnostic diagnostic) {
        found.add(diagnostic);
    }

    boolean hasErrors() {
        return found.stream().anyMatch(ConfigDiagnostic::isError);
    }

    int errorCount() {
        return (int) found.stream().filter(ConfigDiagnostic::isError).count();
    }

    List<ConfigDiagnostic> all() {
        return found.stream().sorted(ConfigDiagnostic.IN_FILE_ORDER).toList();
    }

    List<ConfigDiagnostic> warnings() {
        return found.stream().filter(d -> !d.isError()).sorted(ConfigDiagnostic.IN_FILE_ORDER).toList();
    }
}
