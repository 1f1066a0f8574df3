package io.spare.engine.importer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code notify*} keywords of one instance or sync group. keepalived runs them without a shell,
 * like track scripts; the words after the script are the user and group to run it as. Spare has one
 * {@code notify_user} for all hooks of an instance or group, so per-hook users carry over only when
 * they agree.
 */
final class NotifyHooks {
    static final Set<String> KEYWORDS = Set.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify");

    private final Notes notes;
    private final String owner;
    private final Map<String, Object> out;
    private final Map<Statement, String> users = new LinkedHashMap<>();
    private int hooks;

    /**
     * @param owner {@code vrrp_instance VI_1}, for messages
     * @param out the instance's or group's keys, which the hooks are added to
     */
    NotifyHooks(Notes notes, String owner, Map<String, Object> out) {
        this.notes = notes;
        this.owner = owner;
        this.out = out;
    }

    /** Converts {@code line} if it is a notify hook; false if it is not one. */
    boolean convert(Statement line) {
        if (!KEYWORDS.contains(line.keyword())) {
            return false;
        }
        if (line.argCount() == 0) {
            notes.notCarried(line, "it needs the script to run");
            return true;
        }
        String script = line.arg(0);
        out.put(line.keyword(), script);
        hooks++;
        if (line.argCount() > 3) {
            notes.warning(line.location(), owner + ": " + line.keyword() + ": words after the user and group ignored,"
                    + " as keepalived ignores them");
        }
        if (line.argCount() > 1) {
            users.put(line, String.join(" ", line.args().subList(1, Math.min(3, line.argCount())).stream().map(Token::text).toList()));
        }
        if (ScriptClassifier.classify(script).kind() != ScriptClassifier.Kind.COMMAND) {
            notes.warning(line.location(), owner + ": " + line.keyword() + " '" + script + "' is shell code; keepalived"
                    + " runs notify scripts without a shell, so it never worked there, nor will it in Spare - put it in a script file");
        }
        return true;
    }

    /** Decides {@code notify_user} once every line of the instance or group has been seen. */
    void finish() {
        if (users.isEmpty()) {
            return;
        }
        Set<String> distinct = new LinkedHashSet<>(users.values());
        if (distinct.size() == 1 && users.size() == hooks) {
            String user = distinct.iterator().next();
            out.put("notify_user", user);
            Statement first = users.keySet().iterator().next();
            notes.converted(first.location(), owner + ": keepalived runs the notify scripts as '" + user
                    + "' (the words after the script); carried over as notify_user"
                    + (first.args().get(0).quoted() ? "" : " - if they were meant as arguments, quote the whole command"));
            return;
        }
        users.forEach((line, user) -> notes.notCarried(line.location(), line.keyword() + " user " + user,
                "Spare runs all notify hooks of " + owner + " as one notify_user, and these hooks ask for different"
                        + " users; set notify_user by hand"
                        + (line.args().get(0).quoted() ? "" : " (if the words were meant as arguments, quote the whole command)")));
    }
}
