package io.spare.engine.importer;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * keepalived's {@code vrrp_script}, {@code track_file} and {@code track_process} blocks to
 * {@code checks:} entries. keepalived keeps the three kinds in separate name spaces; Spare has
 * one, so a name used twice gets a suffix (and a note).
 */
final class CheckConverter {
    static final int MAX_WEIGHT = 253;

    /** keepalived's three name spaces for tracked objects. */
    enum Namespace {
        SCRIPT("vrrp_script", "track_script", ""),
        FILE("track_file", "track_file", "_file"),
        PROCESS("track_process", "track_process", "_process");

        final String definingKeyword;
        final String trackingKeyword;
        final String suffix;

        Namespace(String definingKeyword, String trackingKeyword, String suffix) {
            this.definingKeyword = definingKeyword;
            this.trackingKeyword = trackingKeyword;
            this.suffix = suffix;
        }
    }

    /**
     * A converted check, as instances refer to it.
     *
     * @param spareName its key under {@code checks:}
     * @param namespace which keepalived block defined it
     * @param reverse the definition's {@code weight ... reverse}, which instances inherit
     * @param resultInverted the check's result was inverted to express {@code reverse}
     */
    record CheckRef(String spareName, Namespace namespace, boolean reverse, boolean resultInverted) {}

    private final Notes notes;
    private final Values values;
    private final Map<String, Object> checks = new LinkedHashMap<>();
    private final Map<Namespace, Map<String, CheckRef>> names = new EnumMap<>(Namespace.class);

    CheckConverter(Notes notes) {
        this.notes = notes;
        this.values = new Values(notes);
        for (Namespace namespace : Namespace.values()) {
            names.put(namespace, new LinkedHashMap<>());
        }
    }

    Map<String, Object> checks() {
        return checks;
    }

    Optional<CheckRef> find(Namespace namespace, String keepalivedName) {
        return Optional.ofNullable(names.get(namespace).get(keepalivedName));
    }

    /** The keys every check shares, in the order spare.yaml lists them. */
    private static final class Common {
        final Map<String, Object> keys = new LinkedHashMap<>();
        int weight;
        boolean weightGiven;
        boolean reverse;
        Statement weightStatement;
    }

    void vrrpScript(Statement definition) {
        Optional<String> name = name(definition);
        if (name.isEmpty()) {
            return;
        }
        Common common = new Common();
        Statement scriptLine = null;
        Statement userLine = null;
        for (Statement line : definition.children()) {
            switch (line.keyword()) {
                case "script" -> {
                    if (line.argCount() == 0) {
                        notes.notCarried(line, "it needs the command to run");
                    } else {
                        scriptLine = line;
                    }
                }
                case "user" -> {
                    if (line.argCount() == 0 || line.argCount() > 2) {
                        notes.notCarried(line, "expected 'user USER [GROUP]'");
                    } else {
                        userLine = line;
                    }
                }
                default -> commonKey(line, common, Namespace.SCRIPT);
            }
        }
        if (scriptLine == null) {
            notes.notCarried(definition, "vrrp_script " + name.get() + " has no 'script'; keepalived ignores it");
            return;
        }
        String script = commandText(scriptLine);
        ScriptClassifier.Classification classification = ScriptClassifier.classify(script);
        boolean fileCheck = classification.kind() == ScriptClassifier.Kind.FILE_CHECK;
        // a file check's result can be inverted, which is exactly keepalived's 'reverse' with the weight negated
        boolean inverted = fileCheck && common.reverse;
        String spareName = register(Namespace.SCRIPT, name.get(), definition);
        String what = "vrrp_script " + name.get() + ": ";
        Map<String, Object> typeKeys = fileCheck
                ? fileCheckKeys(classification, inverted, scriptLine, what + "script '" + script + "'")
                : scriptKeys(classification, script, scriptLine, what);
        if (userLine != null && fileCheck) {
            notes.notCarried(userLine, "a file check runs no program");
        } else if (userLine != null) {
            typeKeys.put("user", userLine.argText());
        }
        weightForDefinition(common, inverted, fileCheck ? "file" : "script");
        emit(spareName, fileCheck ? "file" : "script", common, typeKeys);
        names.get(Namespace.SCRIPT).put(name.get(), new CheckRef(spareName, Namespace.SCRIPT, common.reverse, inverted));
    }

    private Map<String, Object> fileCheckKeys(
            ScriptClassifier.Classification classification, boolean inverted, Statement scriptLine, String what) {
        boolean failsWhenPresent = classification.failsWhenPresent() != inverted;
        Map<String, Object> typeKeys = new LinkedHashMap<>();
        typeKeys.put("path", classification.path());
        typeKeys.put("exists", failsWhenPresent ? "fail" : "ok");
        notes.converted(scriptLine.location(), what + " is shell code, which keepalived never runs (it executes scripts"
                + " without a shell and disables this one as 'not found'); converted to a file check on "
                + classification.path() + " that fails while the file " + (failsWhenPresent ? "exists" : "is missing")
                + (inverted ? " (result inverted for 'reverse')" : "")
                + ", which is what the script meant; interval, weight, rise and fall kept");
        return typeKeys;
    }

    private Map<String, Object> scriptKeys(
            ScriptClassifier.Classification classification, String script, Statement scriptLine, String what) {
        Map<String, Object> typeKeys = new LinkedHashMap<>();
        typeKeys.put("script", script);
        if (classification.kind() == ScriptClassifier.Kind.SHELL_SCRIPT) {
            typeKeys.put("shell", true);
            notes.converted(scriptLine.location(), what + "script uses shell syntax ("
                    + String.join(", ", classification.shellFeatures()) + "), so keepalived never ran it"
                    + " (no shell: 'Disabling track script ... not found'); carried over with shell: true,"
                    + " so Spare will run it through /bin/sh - check it does what was meant"
                    + (classification.shellFeatures().contains("[[ ]]")
                            ? " ('[[ ]]' is bash: where /bin/sh is dash, write '[ ]' or run 'bash -c')" : ""));
        } else {
            notes.converted(scriptLine.location(), what + "script carried over as a command run without a shell,"
                    + " as keepalived runs it" + (classification.wrappedInShell() ? " (it starts its own shell)" : ""));
        }
        return typeKeys;
    }

    void trackFile(Statement definition) {
        Optional<String> name = name(definition);
        if (name.isEmpty()) {
            return;
        }
        Common common = new Common();
        common.weight = 1; // keepalived's default for track_file
        Map<String, Object> typeKeys = new LinkedHashMap<>();
        for (Statement line : definition.children()) {
            switch (line.keyword()) {
                case "file" -> values.single(line).ifPresent(path -> typeKeys.put("path", path));
                case "init_file" -> initFile(line);
                default -> commonKey(line, common, Namespace.FILE);
            }
        }
        if (!typeKeys.containsKey("path")) {
            notes.notCarried(definition, "track_file " + name.get() + " has no 'file'; keepalived ignores it");
            return;
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("path", typeKeys.get("path"));
        ordered.put("mode", "value");
        String spareName = register(Namespace.FILE, name.get(), definition);
        if (common.reverse) {
            common.weight = -common.weight;
        }
        common.keys.put("weight", common.weight);
        notes.converted(definition.location(), "track_file " + name.get() + ": a file check reading the number in "
                + ordered.get("path") + " (mode: value); the priority moves by value x weight as in keepalived"
                + (common.reverse ? "; 'reverse' carried as the negated weight" : ""));
        emit(spareName, "file", common, ordered);
        names.get(Namespace.FILE).put(name.get(), new CheckRef(spareName, Namespace.FILE, common.reverse, false));
    }

    /** Spare's file check reads a missing file as 0 and never writes it; keepalived's init_file creates it. */
    private void initFile(Statement line) {
        int value = 0;
        boolean overwrite = false;
        for (Token word : line.args()) {
            if (word.text().equals("overwrite")) {
                overwrite = true;
            } else {
                OptionalInt parsed = values.integer(line, word.text(), Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (parsed.isEmpty()) {
                    return;
                }
                value = parsed.getAsInt();
            }
        }
        if (value == 0 && !overwrite) {
            notes.converted(line.location(), "init_file dropped: Spare reads a missing file as 0, which is what"
                    + " keepalived would have written into it");
        } else {
            notes.notCarried(line, "Spare's file check never writes the file; create it with " + value
                    + " before Spare starts (a missing file reads as 0)");
        }
    }

    void trackProcess(Statement definition) {
        Optional<String> name = name(definition);
        if (name.isEmpty()) {
            return;
        }
        Common common = new Common();
        Map<String, Object> typeKeys = new LinkedHashMap<>();
        for (Statement line : definition.children()) {
            switch (line.keyword()) {
                case "process" -> {
                    if (line.argCount() == 0) {
                        notes.notCarried(line, "it needs the process name");
                    } else {
                        typeKeys.put("process", line.arg(0));
                        if (line.argCount() > 1) {
                            typeKeys.put("parameters", line.args().subList(1, line.argCount()).stream()
                                    .map(Token::text).collect(Collectors.joining(" ")));
                        }
                    }
                }
                case "param_match" -> {
                    String match = line.argCount() == 0 ? "exact" : line.arg(0);
                    if (List.of("exact", "initial", "partial").contains(match)) {
                        typeKeys.put("param_match", match);
                    } else {
                        notes.notCarried(line, "expected initial or partial (was '" + match + "')");
                    }
                }
                case "quorum" -> values.integer(line, 1, 65535).ifPresent(q -> typeKeys.put("quorum", q));
                case "quorum_max" -> values.integer(line, 0, 65535).ifPresent(q -> typeKeys.put("quorum_max", q));
                case "delay", "terminate_delay", "fork_delay" -> notes.notCarried(line, "Spare's process check looks"
                        + " every interval; use fall/rise for a similar delay before the result changes");
                case "full_command" -> notes.converted(line.location(), "full_command dropped: Spare matches"
                        + " /proc/PID/comm or argv[0]'s basename, and the whole argv[0] when the name has a '/'");
                default -> commonKey(line, common, Namespace.PROCESS);
            }
        }
        if (!typeKeys.containsKey("process")) {
            notes.notCarried(definition, "track_process " + name.get() + " has no 'process'; keepalived ignores it");
            return;
        }
        String spareName = register(Namespace.PROCESS, name.get(), definition);
        weightForDefinition(common, false, "process");
        emit(spareName, "process", common, typeKeys);
        names.get(Namespace.PROCESS).put(name.get(), new CheckRef(spareName, Namespace.PROCESS, common.reverse, false));
    }

    private Optional<String> name(Statement definition) {
        if (definition.argCount() == 0) {
            notes.notCarried(definition, "it needs a name");
            return Optional.empty();
        }
        if (!definition.hasBlock()) {
            notes.notCarried(definition, "it needs a { } block");
            return Optional.empty();
        }
        return Optional.of(definition.arg(0));
    }

    private String register(Namespace namespace, String name, Statement definition) {
        if (names.get(namespace).containsKey(name)) {
            notes.warning(definition.location(), namespace.definingKeyword + " " + name
                    + " is defined again; the later definition replaces the earlier one");
            String previous = names.get(namespace).remove(name).spareName();
            checks.remove(previous);
            return previous;
        }
        String spareName = name;
        if (checks.containsKey(spareName)) {
            spareName = name + namespace.suffix;
            for (int n = 2; checks.containsKey(spareName); n++) {
                spareName = name + namespace.suffix + n;
            }
            notes.converted(definition.location(), namespace.definingKeyword + " " + name
                    + " renamed to '" + spareName + "': Spare has one name space for all checks");
        }
        return spareName;
    }

    private void commonKey(Statement line, Common common, Namespace namespace) {
        switch (line.keyword()) {
            case "interval", "timeout" -> values.seconds(line, 86400).ifPresent(d -> {
                if (d.equals("0s")) {
                    d = "1s";
                    notes.converted(line.location(), line.keyword() + " 0: keepalived uses 1 second instead; written as 1s");
                }
                common.keys.put(line.keyword(), d);
            });
            case "rise" -> values.integer(line, 1, Integer.MAX_VALUE).ifPresent(n -> common.keys.put("rise", n));
            case "fall" -> values.integer(line, 1, Integer.MAX_VALUE).ifPresent(n -> common.keys.put("fall", n));
            case "init_fail" -> common.keys.put("init_fail", true);
            case "weight" -> weight(line, common);
            default -> notes.notCarried(line, namespace == Namespace.SCRIPT
                    ? Unsupported.reason(line.keyword(), "not a vrrp_script keyword Spare knows")
                    : Unsupported.reason(line.keyword(), "not a " + namespace.definingKeyword + " keyword Spare knows"));
        }
    }

    private void weight(Statement line, Common common) {
        if (line.argCount() == 0) {
            notes.notCarried(line, "it needs a number");
            return;
        }
        OptionalInt weight = values.integer(line, line.arg(0), -MAX_WEIGHT, MAX_WEIGHT);
        if (weight.isEmpty()) {
            return;
        }
        common.weight = weight.getAsInt();
        common.weightGiven = true;
        common.weightStatement = line;
        if (line.argCount() > 1) {
            switch (line.arg(1)) {
                case "reverse" -> common.reverse = true;
                case "noreverse" -> common.reverse = false;
                default -> notes.warning(line.location(), "'weight': '" + line.arg(1) + "' ignored (expected reverse)");
            }
        }
    }

    private void weightForDefinition(Common common, boolean resultInverted, String type) {
        if (common.reverse && resultInverted) {
            common.weight = -common.weight;
        } else if (common.reverse) {
            notes.notCarried(common.weightStatement.location(), "reverse",
                    "Spare has no reversed weights for a " + type + " check; weight " + common.weight
                            + " applies the normal way round - invert the check's result and negate the weight"
                            + " for keepalived's effect");
        }
        if (common.weightGiven) {
            common.keys.put("weight", common.weight);
        }
    }

    private void emit(String spareName, String type, Common common, Map<String, Object> typeKeys) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", type);
        for (String key : List.of("interval", "timeout", "rise", "fall", "weight", "init_fail")) {
            if (common.keys.containsKey(key)) {
                block.put(key, common.keys.get(key));
            }
        }
        block.putAll(typeKeys);
        checks.put(spareName, block);
    }

    /** The command as keepalived would run it: one quoted string as is, or the words joined. */
    static String commandText(Statement line) {
        if (line.argCount() == 1) {
            return line.arg(0);
        }
        return line.args().stream()
                .map(word -> word.quoted() && word.text().contains(" ") ? "'" + word.text() + "'" : word.text())
                .collect(Collectors.joining(" "));
    }
}
