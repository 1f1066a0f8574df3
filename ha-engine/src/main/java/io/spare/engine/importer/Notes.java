package io.spare.engine.importer;

import io.spare.engine.importer.ImportNote.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the importer's notes while it walks the configuration. */
final class Notes {
    private final List<ImportNote> notes = new ArrayList<>();
    private final Map<SourceLocation, Integer> readingOrder = new HashMap<>();

    /** Called by the lexer for each line it reads, so that notes can be listed in reading order. */
    void lineRead(SourceLocation where) {
        readingOrder.putIfAbsent(where, readingOrder.size());
    }

    /** {@code keyword 'X' not carried over (why)}. */
    void notCarried(Statement statement, String why) {
        notCarried(statement.location(), statement.keyword(), why);
    }

    void notCarried(SourceLocation where, String keyword, String why) {
        notes.add(ImportNote.at(where, Kind.NOT_CARRIED, "keyword '" + keyword + "' not carried over (" + why + ")"));
    }

    void converted(SourceLocation where, String message) {
        notes.add(ImportNote.at(where, Kind.CONVERTED, message));
    }

    void warning(SourceLocation where, String message) {
        notes.add(ImportNote.at(where, Kind.WARNING, message));
    }

    /** In the order of the input: the main file's lines first, included files where they came in. */
    List<ImportNote> all() {
        List<ImportNote> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingInt(n -> readingOrder.getOrDefault(n.location(), Integer.MAX_VALUE)));
        return List.copyOf(sorted);
    }
}
