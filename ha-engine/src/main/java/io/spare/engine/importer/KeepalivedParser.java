package io.spare.engine.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the statement tree from the lexer's tokens. A block belongs to the line its {@code {} is
 * on, or to the line before when the {@code {} stands alone, as keepalived allows; blocks may
 * open and close in different (included) files since keepalived reads one stream of lines.
 */
final class KeepalivedParser {
    /** keepalived nests four levels at most; this only keeps a hostile file from exhausting the stack. */
    private static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private int position;
    private int depth;

    private KeepalivedParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Statement> parse(List<Token> tokens) throws ImportException {
        return new KeepalivedParser(tokens).statements(null, null);
    }

    private List<Statement> statements(Token opener, String owner) throws ImportException {
        if (opener != null && ++depth > MAX_DEPTH) {
            throw new ImportException(opener.location(), "blocks nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return statementsInBlock(opener, owner);
        } finally {
            if (opener != null) {
                depth--;
            }
        }
    }

    private List<Statement> statementsInBlock(Token opener, String owner) throws ImportException {
        List<Statement> statements = new ArrayList<>();
        while (position < tokens.size()) {
            Token token = tokens.get(position++);
            switch (token.type()) {
                case END_OF_LINE -> {
                    // blank separator
                }
                case CLOSE -> {
                    if (opener == null) {
                        throw new ImportException(token.location(), "'}' without a matching '{'");
                    }
                    return statements;
                }
                case OPEN -> {
                    int last = statements.size() - 1;
                    if (last < 0 || statements.get(last).hasBlock()) {
                        throw new ImportException(token.location(), "'{' without a keyword before it");
                    }
                    Statement before = statements.get(last);
                    statements.set(last, before.withBlock(statements(token, before.keyword())));
                }
                case WORD -> statements.add(statement(token));
            }
        }
        if (opener != null) {
            throw new ImportException(opener.location(), "'{' of '" + owner + "' is never closed: the configuration ends first");
        }
        return statements;
    }

    private Statement statement(Token name) throws ImportException {
        List<Token> args = new ArrayList<>();
        while (position < tokens.size() && tokens.get(position).is(Token.Type.WORD)) {
            args.add(tokens.get(position++));
        }
        if (position < tokens.size() && tokens.get(position).is(Token.Type.OPEN)) {
            Token opener = tokens.get(position++);
            return new Statement(name, args, statements(opener, name.text()));
        }
        return new Statement(name, args, null);
    }
}
