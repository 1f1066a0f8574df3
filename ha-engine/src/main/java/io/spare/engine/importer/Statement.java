package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One keyword line of a keepalived configuration with its arguments and, if a {@code {...}}
 * follows it, the lines inside. Inside value blocks ({@code virtual_ipaddress}, {@code
 * track_script}, ...) each line is a statement whose "keyword" is its first word.
 *
 * @param name the first word
 * @param args the other words on the line
 * @param block the statements between the braces that follow; null when none follow
 */
record Statement(Token name, List<Token> args, List<Statement> block) {
    Statement {
        requireNonNull(name, "name");
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    String keyword() {
        return name.text();
    }

    SourceLocation location() {
        return name.location();
    }

    boolean hasBlock() {
        return block != null;
    }

    /** The block's statements; empty when there is no block. */
    List<Statement> children() {
        return block == null ? List.of() : block;
    }

    Statement withBlock(List<Statement> newBlock) {
        return new Statement(name, args, newBlock);
    }

    int argCount() {
        return args.size();
    }

    String arg(int index) {
        return args.get(index).text();
    }

    /** The arguments as written, joined by single spaces (quoted ones keep their inner spaces). */
    String argText() {
        return args.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    /** The whole line as keepalived logs it: keyword and arguments. */
    String lineText() {
        return args.isEmpty() ? keyword() : keyword() + " " + argText();
    }
}
