package io.spare.engine.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spare import-keepalived FILE}: reads a keepalived.conf, with its includes, the way keepalived
 * does and writes the equivalent spare.yaml. Whatever has no Spare equivalent is left out and listed
 * in the notes, with the file and line; so is every change of form or meaning (a shell one-liner that
 * became a file check, keepalived's own fix-ups such as clearing nopreempt on a MASTER).
 *
 * <p>Stateless; one instance can import many files.
 */
public final class KeepalivedImporter {

    /**
     * @throws IOException the file or an included one cannot be read
     * @throws ImportException the configuration cannot be parsed (unbalanced braces, an unterminated
     *     quote, an include cycle); the exception names the file and line
     */
    public ImportResult importFile(Path keepalivedConf) throws IOException, ImportException {
        Notes notes = new Notes();
        List<Statement> statements = KeepalivedParser.parse(new KeepalivedLexer(notes).read(keepalivedConf));
        return convert(keepalivedConf, statements, notes);
    }

    private static ImportResult convert(Path source, List<Statement> statements, Notes notes) {
        GlobalDefsConverter global = new GlobalDefsConverter(notes);
        CheckConverter checks = new CheckConverter(notes);
        List<Statement> instanceBlocks = new ArrayList<>();
        List<Statement> syncGroupBlocks = new ArrayList<>();
        // keepalived reads the whole file before it links instances to scripts and groups to
        // instances, so definitions may come in any order
        for (Statement statement : statements) {
            switch (statement.keyword()) {
                case "global_defs" -> global.convert(statement);
                case "vrrp_script" -> checks.vrrpScript(statement);
                case "track_file", "vrrp_track_file" -> checks.trackFile(statement);
                case "track_process", "vrrp_track_process" -> checks.trackProcess(statement);
                case "vrrp_instance" -> instanceBlocks.add(statement);
                case "vrrp_sync_group" -> syncGroupBlocks.add(statement);
                default -> notes.notCarried(statement, Unsupported.reason(statement.keyword(), "not a keepalived keyword Spare knows"));
            }
        }
        Map<String, Object> globalKeys = global.result().orElse(new LinkedHashMap<>());
        int globalVersion = (Integer) globalKeys.getOrDefault("vrrp_version", 2);
        InstanceConverter instances = new InstanceConverter(notes, checks, globalVersion);
        instanceBlocks.forEach(instances::convert);
        SyncGroupConverter groups = new SyncGroupConverter(notes, instances.instances().keySet());
        syncGroupBlocks.forEach(groups::convert);
        warnAboutScriptSecurity(statements, global, notes);

        Map<String, Object> document = new LinkedHashMap<>();
        if (!globalKeys.isEmpty()) {
            document.put("global", globalKeys);
        }
        if (!checks.checks().isEmpty()) {
            document.put("checks", checks.checks());
        }
        document.put("instances", instances.instances());
        if (!groups.groups().isEmpty()) {
            document.put("sync_groups", groups.groups());
        }
        List<ImportNote> allNotes = notes.all();
        String yaml = YamlWriter.write(header(source, allNotes), document);
        return new ImportResult(yaml, allNotes);
    }

    /** Names the source and repeats the notes, so that they stay with the file when stderr is gone. */
    private static List<String> header(Path source, List<ImportNote> notes) {
        List<String> header = new ArrayList<>();
        header.add("spare.yaml imported from " + source.toAbsolutePath().normalize() + " by spare import-keepalived.");
        long notCarried = notes.stream().filter(n -> n.kind() == ImportNote.Kind.NOT_CARRIED).count();
        long others = notes.size() - notCarried;
        header.add(notCarried + " keepalived line(s) not carried over, " + others + " conversion note(s) and warning(s)"
                + (notes.isEmpty() ? "." : ":"));
        notes.forEach(note -> header.add("  " + note));
        return header;
    }

    /** keepalived without enable_script_security runs any script; Spare checks their permissions by default. */
    private static void warnAboutScriptSecurity(List<Statement> statements, GlobalDefsConverter global, Notes notes) {
        if (global.scriptSecurityEnabled()) {
            return;
        }
        firstScriptLine(statements).ifPresent(where -> notes.warning(where, "keepalived ran scripts without checking"
                + " their permissions (no enable_script_security); Spare checks them by default and refuses a script"
                + " writable, or in a directory writable, by a user other than root or script_user"));
    }

    private static Optional<SourceLocation> firstScriptLine(List<Statement> statements) {
        for (Statement statement : statements) {
            for (Statement line : statement.children()) {
                boolean script = statement.keyword().equals("vrrp_script") && line.keyword().equals("script")
                        && line.argCount() > 0
                        && ScriptClassifier.classify(CheckConverter.commandText(line)).kind() != ScriptClassifier.Kind.FILE_CHECK;
                boolean hook = NotifyHooks.KEYWORDS.contains(line.keyword());
                if (script || hook) {
                    return Optional.of(line.location());
                }
            }
        }
        return Optional.empty();
    }
}
