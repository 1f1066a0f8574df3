package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One thing the importer wants the user to know about a line of the keepalived configuration.
 *
 * @param file the file the line is in (an included file where it came from one)
 * @param line the line number, from 1
 * @param kind what happened to the line
 * @param message what and why, without the location
 */
public record ImportNote(Path file, int line, Kind kind, String message) {

    public enum Kind {
        /** The line has no Spare equivalent and was left out. */
        NOT_CARRIED,
        /** The line was carried over, but changed in form or meaning: read the message. */
        CONVERTED,
        /** The line was carried over as keepalived would read it, which may not be what was meant. */
        WARNING
    }

    public ImportNote {
        requireNonNull(file, "file");
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
    }

    static ImportNote at(SourceLocation where, Kind kind, String message) {
        return new ImportNote(where.file(), where.line(), kind, message);
    }

    public SourceLocation location() {
        return new SourceLocation(file, line);
    }

    /** {@code FILE:LINE: message}, as the CLI prints it; warnings say so. */
    @Override
    public String toString() {
        String prefix = kind == Kind.WARNING ? "warning: " : "";
        return file + ":" + line + ": " + prefix + message;
    }
}
