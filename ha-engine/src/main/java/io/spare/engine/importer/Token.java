package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

/**
 * One piece of a keepalived configuration line.
 *
 * @param type a word, a brace, or the end of a line
 * @param text the word without its quotes; {@code {}, {@code }} or empty
 * @param quoted whether the word was written in double quotes
 * @param location where it was written
 */
record Token(Type type, String text, boolean quoted, SourceLocation location) {
    enum Type {
        WORD,
        OPEN,
        CLOSE,
        END_OF_LINE
    }

    Token {
        requireNonNull(type, "type");
        requireNonNull(text, "text");
        requireNonNull(location, "location");
    }

    static Token word(String text, boolean quoted, SourceLocation where) {
        return new Token(Type.WORD, text, quoted, where);
    }

    boolean is(Type wanted) {
        return type == wanted;
    }
}
