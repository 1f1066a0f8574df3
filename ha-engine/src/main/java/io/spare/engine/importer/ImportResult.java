package io.spare.engine.importer;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.List;

/**
 * What {@link KeepalivedImporter} made of a keepalived configuration.
 *
 * @param yaml the spare.yaml text
 * @param notes what was left out, changed or is doubtful, in file order
 */
public record ImportResult(String yaml, List<ImportNote> notes) {
    public ImportResult {
        requireNonNull(yaml, "yaml");
        notes = List.copyOf(notes);
    }

    public List<ImportNote> notes(ImportNote.Kind kind) {
        return notes.stream().filter(n -> n.kind() == kind).toList();
    }

    /** The CLI's output: the YAML on {@code out}, one note a line on {@code err}. */
    public void printTo(PrintStream out, PrintStream err) {
        out.print(yaml);
        out.flush();
        notes.forEach(err::println);
        err.flush();
    }
}
