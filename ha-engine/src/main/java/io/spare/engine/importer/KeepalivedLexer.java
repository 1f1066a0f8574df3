package io.spare.engine.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a keepalived configuration file, with everything it includes, into one stream of tokens,
 * following keepalived's reader ({@code lib/parser.c}):
 *
 * <ul>
 *   <li>{@code !} and {@code #} start a comment anywhere outside double quotes; {@code \#} and
 *       {@code \!} are the characters themselves; a {@code \} at the end of a line continues it;
 *   <li>a word in double quotes keeps its spaces (and braces, and comment characters);
 *   <li>{@code {} and {@code }} are tokens of their own wherever they stand;
 *   <li>{@code include PATTERN} at the start of a line is replaced by the files the glob pattern
 *       matches, in sorted order, relative to the including file's directory (keepalived changes
 *       into it); an include cycle is an error, as keepalived would read forever;
 *   <li>{@code $NAME=value} defines a parameter that later {@code $NAME} / {@code ${NAME}} expand to.
 * </ul>
 */
final class KeepalivedLexer {
    /** keepalived has no limit; this one only stops runaway nesting that is not a plain cycle. */
    private static final int MAX_INCLUDE_DEPTH = 64;

    private static final Pattern INCLUDE = Pattern.compile("^include([rmwba])?[ \\t]+(.+)$");
    private static final Pattern DEFINITION = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=[ \\t]*(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$(\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Notes notes;
    private final Map<String, String> definitions = new HashMap<>();
    private final Deque<Path> openFiles = new ArrayDeque<>();
    private final Deque<SourceLocation> includedFrom = new ArrayDeque<>();
    private final List<Token> tokens = new ArrayList<>();

    KeepalivedLexer(Notes notes) {
        this.notes = notes;
    }

    /** Reads {@code file} and its includes. */
    List<Token> read(Path file) throws IOException, ImportException {
        readFile(file, null);
        return List.copyOf(tokens);
    }

    private void readFile(Path file, SourceLocation includeLine) throws IOException, ImportException {
        Path real = file.toRealPath();
        if (openFiles.contains(real)) {
            throw new ImportException(includeLine, "include cycle: " + cycleDescription(includeLine, file));
        }
        if (openFiles.size() >= MAX_INCLUDE_DEPTH) {
            throw new ImportException(includeLine, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files");
        }
        openFiles.push(real);
        if (includeLine != null) {
            includedFrom.push(includeLine);
        }
        try {
            List<String> lines = readLines(file);
            for (int index = 0; index < lines.size(); index++) {
                SourceLocation where = new SourceLocation(file, index + 1);
                Decommented line = decomment(lines.get(index), where);
                StringBuilder logical = new StringBuilder(line.text());
                while (line.continued() && index + 1 < lines.size()) {
                    index++;
                    line = decomment(lines.get(index), new SourceLocation(file, index + 1));
                    logical.append(' ').append(line.text());
                }
                processLine(logical.toString().strip(), where, file);
            }
        } finally {
            openFiles.pop();
            if (includeLine != null) {
                includedFrom.pop();
            }
        }
    }

    /** {@code a.conf:3 includes b.conf:2 includes a.conf}: each include line on the way, outermost first. */
    private String cycleDescription(SourceLocation includeLine, Path file) {
        List<String> chain = new ArrayList<>();
        List<SourceLocation> from = new ArrayList<>(includedFrom);
        java.util.Collections.reverse(from);
        from.forEach(where -> chain.add(where.toString()));
        chain.add(includeLine.toString());
        chain.add(file.toString());
        return String.join(" includes ", chain);
    }

    /** keepalived reads bytes; a stray Latin-1 comment must not stop the import. */
    private static List<String> readLines(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text = utf8.decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        return text.lines().toList();
    }

    private void processLine(String line, SourceLocation where, Path file) throws IOException, ImportException {
        notes.lineRead(where);
        if (line.isEmpty()) {
            return;
        }
        if (line.charAt(0) == '@') {
            String id = line.split("[ \\t]", 2)[0];
            notes.notCarried(where, id, "a line for one host's config_id only; the importer reads the file for no particular host");
            return;
        }
        Matcher definition = DEFINITION.matcher(line);
        if (definition.matches()) {
            definitions.put(definition.group(1), definition.group(2).strip());
            return;
        }
        if (line.startsWith("~SEQ") || line.startsWith("~LST")) {
            notes.notCarried(where, line.substring(0, 4), "sequence expansion is not supported by the importer; expand it by hand");
            return;
        }
        if (!definitions.isEmpty() && line.indexOf('$') >= 0) {
            line = expandParameters(line);
        }
        Matcher include = INCLUDE.matcher(line);
        if (include.matches()) {
            include(unquote(include.group(2).strip()), where, file);
            return;
        }
        tokenize(line, where);
    }

    private String expandParameters(String line) {
        Matcher reference = REFERENCE.matcher(line);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(2) != null ? reference.group(2) : reference.group(3);
            String value = definitions.get(name);
            reference.appendReplacement(expanded, Matcher.quoteReplacement(value != null ? value : reference.group()));
        }
        reference.appendTail(expanded);
        return expanded.toString();
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private void include(String pattern, SourceLocation where, Path includingFile) throws IOException, ImportException {
        Path directory = includingFile.toAbsolutePath().getParent();
        IncludeGlob.Expansion expansion = IncludeGlob.expand(directory, pattern);
        for (String skipped : expansion.skipped()) {
            notes.warning(where, "include '" + pattern + "': " + skipped);
        }
        if (expansion.files().isEmpty()) {
            notes.warning(where, IncludeGlob.hasWildcards(pattern)
                    ? "include '" + pattern + "' matched no files"
                    : "include '" + pattern + "': file not found (keepalived skips it too)");
        }
        for (Path included : expansion.files()) {
            readFile(included, where);
        }
    }

    private void tokenize(String line, SourceLocation where) throws ImportException {
        int i = 0;
        int length = line.length();
        while (i < length) {
            char c = line.charAt(i);
            if (isBlank(c)) {
                i++;
            } else if (c == '{') {
                tokens.add(new Token(Token.Type.OPEN, "{", false, where));
                i++;
            } else if (c == '}') {
                tokens.add(new Token(Token.Type.CLOSE, "}", false, where));
                i++;
            } else if (c == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    throw new ImportException(where, "unterminated quote: " + line.substring(i));
                }
                tokens.add(Token.word(line.substring(i + 1, close), true, where));
                i = close + 1;
            } else {
                int end = i;
                while (end < length && !isBlank(line.charAt(end)) && "\"{}".indexOf(line.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(Token.word(line.substring(i, end), false, where));
                i = end;
            }
        }
        tokens.add(new Token(Token.Type.END_OF_LINE, "", false, where));
    }

    /** keepalived's WHITE_SPACE: blank, tab, and the rarer vertical spaces. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == 0x0b;
    }

    private record Decommented(String text, boolean continued) {}

    /** keepalived's decomment(): strips comments outside quotes and the escapes of comment characters. */
    private static Decommented decomment(String raw, SourceLocation where) throws ImportException {
        StringBuilder text = new StringBuilder(raw.length());
        boolean quoted = false;
        boolean continued = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\') {
                if (i + 1 == raw.length()) {
                    continued = true;
                    break;
                }
                char next = raw.charAt(i + 1);
                if (!quoted && (next == '#' || next == '!')) {
                    text.append(next);
                } else {
                    text.append(c).append(next);
                }
                i++;
                continue;
            } else if (!quoted && (c == '#' || c == '!')) {
                break;
            }
            text.append(c);
        }
        if (quoted) {
            throw new ImportException(where, "unterminated quote: " + raw.strip());
        }
        return new Decommented(text.toString().strip(), continued);
    }
}
