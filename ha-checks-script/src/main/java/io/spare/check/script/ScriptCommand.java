package io.spare.check.script;

import io.spare.api.ConfigProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A script as configured: an argv list, a string split into words without a shell (see {@link
 * CommandWords}), or with {@code shell: true} a string given to {@code /bin/sh -c}.
 *
 * @param words the words as configured; for a shell expression, the expression alone
 * @param shell whether {@code words} is one expression for {@code /bin/sh -c}
 */
record ScriptCommand(List<String> words, boolean shell) {
    static final String SHELL = "/bin/sh";

    ScriptCommand {
        words = List.copyOf(words);
    }

    /**
     * Reads a {@code script} or {@code notify*} value, adding a problem under {@code key} if it is
     * not a usable command.
     */
    static Optional<ScriptCommand> parse(String key, Object value, boolean shell, List<ConfigProblem> problems) {
        if (value == null) {
            problems.add(new ConfigProblem(key, "is required"));
            return Optional.empty();
        }
        if (shell) {
            if (value instanceof List || value instanceof Map) {
                problems.add(new ConfigProblem(key, "with shell: true must be one string"));
                return Optional.empty();
            }
            return nonEmpty(key, new ScriptCommand(String.valueOf(value).isBlank() ? List.of() : List.of(String.valueOf(value)), true), problems);
        }
        return words(key, value, problems).flatMap(words -> nonEmpty(key, new ScriptCommand(words, false), problems));
    }

    /**
     * Reads a list of words, or a string split into words; empty Optional (and a problem) if it is
     * neither. An empty list is fine here.
     */
    static Optional<List<String>> words(String key, Object value, List<ConfigProblem> problems) {
        if (value instanceof List<?> list) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object word = list.get(i);
                if (word == null || word instanceof List || word instanceof Map) {
                    problems.add(new ConfigProblem(key + "[" + i + "]", "must be a string (was " + word + ")"));
                    return Optional.empty();
                }
                words.add(String.valueOf(word));
            }
            return Optional.of(List.copyOf(words));
        }
        if (value instanceof Map) {
            problems.add(new ConfigProblem(key, "must be a string or a list of words (was a mapping)"));
            return Optional.empty();
        }
        String text = String.valueOf(value);
        try {
            return Optional.of(CommandWords.split(text));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(key, e.getMessage() + " in '" + text + "'"));
            return Optional.empty();
        }
    }

    private static Optional<ScriptCommand> nonEmpty(String key, ScriptCommand command, List<ConfigProblem> problems) {
        if (command.words().isEmpty() || command.words().get(0).isEmpty()) {
            problems.add(new ConfigProblem(key, "must name a program"));
            return Optional.empty();
        }
        return Optional.of(command);
    }

    /** The program that is exec'd: {@code /bin/sh} for a shell expression, else the first word. */
    String program() {
        return shell ? SHELL : words.get(0);
    }

    /**
     * The file {@link #program()} refers to: a bare name is looked up on {@code searchPath}, a
     * relative path is relative to the config directory.
     */
    Optional<Path> locate(String searchPath, Path configDirectory) {
        String program = program();
        if (!program.contains("/")) {
            return Executables.onPath(program, searchPath);
        }
        Path path = Path.of(program);
        return Optional.of(path.isAbsolute() ? path : configDirectory.resolve(path).toAbsolutePath().normalize());
    }

    /** The argv to exec, with the program replaced by the file it was resolved to. */
    List<String> argv(Path program) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        if (shell) {
            argv.add("-c");
            argv.add(words.get(0));
        } else {
            argv.addAll(words.subList(1, words.size()));
        }
        return argv;
    }

    /** For logs: the command as configured. */
    @Override
    public String toString() {
        return shell ? SHELL + " -c '" + words.get(0) + "'" : String.join(" ", words);
    }
}
