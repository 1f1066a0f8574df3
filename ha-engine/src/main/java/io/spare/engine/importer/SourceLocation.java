package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A line of a configuration file, for messages: {@code /etc/keepalived/keepalived.conf:12}. */
public record SourceLocation(Path file, int line) {
    public SourceLocation {
        requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
