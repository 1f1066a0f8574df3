package io.spare.engine.importer;

import java.util.Map;
import java.util.Set;

/**
 * The {@code notify*} keywords of instances and sync groups. keepalived runs them without a shell,
 * like track scripts; the words after the script are the user and group to run it as.
 */
final class NotifyHooks {
    static final Set<String> KEYWORDS = Set.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify");

    private final Notes notes;

    NotifyHooks(Notes notes) {
        this.notes = notes;
    }

    /** Converts {@code line} into {@code out} if it is a notify hook; false if it is not one. */
    boolean convert(Statement line, Map<String, Object> out, String owner) {
        if (!KEYWORDS.contains(line.keyword())) {
            return false;
        }
        if (line.argCount() == 0) {
            notes.notCarried(line, "it needs the script to run");
            return true;
        }
        String script = line.arg(0);
        out.put(line.keyword(), script);
        if (line.argCount() > 1) {
            String user = line.args().subList(1, line.argCount()).stream().map(Token::text).reduce((a, b) -> a + " " + b).orElse("");
            notes.notCarried(line.location(), line.keyword() + " user",
                    "keepalived reads '" + user + "' as the user [group] to run " + script + " as; Spare runs notify"
                            + " scripts as global.script_user"
                            + (line.args().get(0).quoted() ? "" : " - if these were meant as arguments, quote the whole command"));
        }
        ScriptClassifier.Classification kind = ScriptClassifier.classify(script);
        if (kind.kind() != ScriptClassifier.Kind.COMMAND) {
            notes.warning(line.location(), owner + ": " + line.keyword() + " '" + script + "' is shell code; keepalived"
                    + " runs notify scripts without a shell, so it never worked there, nor will it in Spare - put it in a script file");
        }
        return true;
    }
}
