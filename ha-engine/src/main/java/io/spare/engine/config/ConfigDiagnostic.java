package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One problem found in a configuration file, located at its line and column.
 *
 * <p>Formats as {@code spare.yaml:42:7: instances.VI_1.priority: must be 1..255 (was 300)}; a warning
 * reads {@code spare.yaml:42:7: warning: instances.VI_1.nopreempt: ...}. The file is shown as the user
 * gave it. A problem with the file as a whole (it cannot be read) has line 0 and formats as {@code
 * spare.yaml: message}.
 *
 * @param file the file, as the user named it
 * @param line 1-based line, 0 when the problem has no place in the file
 * @param column 1-based column, 0 when the problem has no place in the file
 * @param keyPath the dotted path of the key, e.g. {@code instances.VI_1.virtual_ipaddress[2]}; empty
 *     for the document itself
 * @param message what was expected and what was found
 * @param severity an error stops Spare from starting; a warning does not
 */
public record ConfigDiagnostic(Path file, int line, int column, String keyPath, String message, Severity severity) {

    /** Whether a problem stops Spare from starting. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** File order, so that problems print top to bottom. */
    public static final Comparator<ConfigDiagnostic> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigDiagnostic::line).thenComparingInt(ConfigDiagnostic::column);

    public ConfigDiagnostic {
        requireNonNull(file, "file");
        requireNonNull(keyPath, "keyPath");
        requireNonNull(message, "message");
        requireNonNull(severity, "severity");
    }

    public static ConfigDiagnostic error(Path file, int line, int column, String keyPath, String message) {
        return new ConfigDiagnostic(file, line, column, keyPath, message, Severity.ERROR);
    }

    public static ConfigDiagnostic warning(Path file, int line, int column, String keyPath, String message) {
        return new ConfigDiagnostic(file, line, column, keyPath, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form people read: {@code file:line:column: key.path: message}. */
    public String format() {
        StringBuilder text = new StringBuilder(file.toString());
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (severity == Severity.WARNING) {
            text.append("warning: ");
        }
        if (!keyPath.isEmpty()) {
            text.append(keyPath).append(": ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
