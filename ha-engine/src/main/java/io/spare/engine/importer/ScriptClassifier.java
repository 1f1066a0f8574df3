package io.spare.engine.importer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a keepalived {@code vrrp_script}'s {@code script} string becomes. keepalived splits
 * the string into words (honouring quotes) and executes the first word directly, without a shell:
 * a string written as shell code never runs ("Disabling track script ... since not found") and the
 * instance never sees that check.
 *
 * <ul>
 *   <li>the maintenance-file idiom {@code [[ -f PATH ]] && exit 1 || exit 0} (also with {@code [ ]},
 *       {@code test}, {@code -e}, {@code !}, the inverse exits, or wrapped in {@code sh -c '...'})
 *       becomes a {@code file} check, which is what it was meant to be;
 *   <li>other shell code becomes a {@code script} check with {@code shell: true};
 *   <li>a plain command stays a {@code script} check, run without a shell as keepalived does.
 * </ul>
 */
final class ScriptClassifier {
    enum Kind {
        FILE_CHECK,
        SHELL_SCRIPT,
        COMMAND
    }

    /**
     * @param kind what the string is
     * @param path for {@link Kind#FILE_CHECK}: the file tested
     * @param failsWhenPresent for {@link Kind#FILE_CHECK}: the check fails while the file exists
     * @param shellFeatures for {@link Kind#SHELL_SCRIPT}: the shell syntax found, for the note
     * @param wrappedInShell the string runs a shell itself ({@code sh -c '...'})
     */
    record Classification(Kind kind, String path, boolean failsWhenPresent, List<String> shellFeatures, boolean wrappedInShell) {}

    private static final Pattern SHELL_WRAPPER =
            Pattern.compile("^(?:/usr)?(?:/bin/)?(?:ba|da)?sh\\s+-c\\s+(['\"])(.*)\\1\\s*$");
    private static final Pattern EXIT_LIST =
            Pattern.compile("^(.+?)\\s*&&\\s*exit\\s+([01])\\s*\\|\\|\\s*exit\\s+([01])\\s*;?$");
    private static final Pattern TEST_FORM =
            Pattern.compile("^(!\\s+)?(?:\\[\\[\\s+(.+?)\\s+]]|\\[\\s+(.+?)\\s+]|test\\s+(.+))$");
    private static final Pattern FILE_TEST =
            Pattern.compile("^(!\\s+)?-([fe])\\s+('[^']*'|\"[^\"]*\"|[^\\s'\"]+)$");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Set<String> SHELL_WORDS = Set.of(
            "exit", "if", "then", "for", "while", "until", "case", "cd", "export", "source", ".", "!", "eval",
            "exec", "set", "unset", "function", "alias", "read", "local", "return", "shift", "trap", "ulimit",
            "umask", "wait");
    private static final String[][] SHELL_OPERATORS = {
        {"[[", "[[ ]]"}, {"&&", "&&"}, {"||", "||"}, {"$(", "$( )"}, {"`", "backquotes"}, {"|", "a pipe"},
        {";", ";"}, {">", "a redirection"}, {"<", "a redirection"}, {"&", "&"}, {"$", "a $ expansion"},
        {"*", "a glob"}, {"?", "a glob"}, {"(", "( )"}, {"~", "~"}
    };

    private ScriptClassifier() {}

    static Classification classify(String script) {
        String text = script.strip();
        boolean wrapped = false;
        Matcher wrapper = SHELL_WRAPPER.matcher(text);
        if (wrapper.matches()) {
            text = wrapper.group(2).strip();
            wrapped = true;
        }
        Classification fileCheck = fileCheck(text, wrapped);
        if (fileCheck != null) {
            return fileCheck;
        }
        if (wrapped) {
            return new Classification(Kind.COMMAND, null, false, List.of(), true);
        }
        List<String> features = shellFeatures(script.strip());
        return features.isEmpty()
                ? new Classification(Kind.COMMAND, null, false, List.of(), false)
                : new Classification(Kind.SHELL_SCRIPT, null, false, features, false);
    }

    private static Classification fileCheck(String text, boolean wrapped) {
        Matcher list = EXIT_LIST.matcher(text);
        if (!list.matches() || list.group(2).equals(list.group(3))) {
            return null;
        }
        Matcher test = TEST_FORM.matcher(list.group(1).strip());
        if (!test.matches()) {
            return null;
        }
        String inner = test.group(2) != null ? test.group(2) : test.group(3) != null ? test.group(3) : test.group(4);
        Matcher fileTest = FILE_TEST.matcher(inner.strip());
        if (!fileTest.matches()) {
            return null;
        }
        boolean negated = (test.group(1) != null) != (fileTest.group(1) != null);
        boolean failsWhenTestTrue = list.group(2).equals("1");
        String path = fileTest.group(3);
        if (path.length() >= 2 && (path.startsWith("'") || path.startsWith("\""))) {
            path = path.substring(1, path.length() - 1);
        }
        return new Classification(Kind.FILE_CHECK, path, failsWhenTestTrue != negated, List.of(), wrapped);
    }

    private static List<String> shellFeatures(String script) {
        String unquoted = QUOTED.matcher(script).replaceAll("''");
        Set<String> found = new LinkedHashSet<>();
        String firstWord = unquoted.split("\\s+", 2)[0];
        if (SHELL_WORDS.contains(firstWord)) {
            found.add("the shell word '" + firstWord + "'");
        }
        String rest = unquoted;
        for (String[] operator : SHELL_OPERATORS) {
            if (rest.contains(operator[0])) {
                found.add(operator[1]);
                rest = rest.replace(operator[0], " ");
            }
        }
        if (unquoted.indexOf('\'') >= 0 && unquoted.replace("''", "").indexOf('\'') >= 0) {
            found.add("an unbalanced quote");
        }
        return new ArrayList<>(found);
    }
}
