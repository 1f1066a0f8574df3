package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

/**
 * The keepalived configuration cannot be read as a whole: an unclosed or extra brace, an
 * unterminated quote, an include cycle. The message starts with the file and line.
 */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String problem;

    public ImportException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = requireNonNull(location, "location");
        this.problem = requireNonNull(problem, "problem");
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
