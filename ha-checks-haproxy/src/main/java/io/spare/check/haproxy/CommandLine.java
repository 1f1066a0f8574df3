package io.spare.check.haproxy;

import io.spare.api.ScriptSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns an {@code on_fail} value into argv, finds its executable and how to launch it. No shell. */
final class CommandLine {
    private CommandLine() {}

    /**
     * An argv list is taken as is; a string is split on blanks, with {@code '...'} and {@code "..."}
     * grouping words and {@code \} escaping one character, as a shell would split it but without any
     * expansion.
     */
    static List<String> argv(Object value) {
        List<String> argv = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item == null || item instanceof List || item instanceof java.util.Map) {
                    throw new IllegalArgumentException("each argument must be a string (was " + item + ")");
                }
                argv.add(String.valueOf(item));
            }
        } else if (value instanceof String text) {
            argv.addAll(split(text));
        } else {
            throw new IllegalArgumentException("must be a command string or an argv list (was " + value + ")");
        }
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("must name a command");
        }
        return List.copyOf(argv);
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in '" + text + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A path with a slash resolves against the config directory; a bare name is looked up on the PATH. */
    static Optional<Path> resolve(String command, Path configDirectory) {
        if (command.contains("/")) {
            Path path = configDirectory.resolve(command).normalize();
            return HaproxyCheckFactory.executable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String directory : pathVariable.split(":")) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, command);
                if (HaproxyCheckFactory.executable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code setsid} gives the command a process group of its own, to kill it whole on timeout;
     * {@code runuser} runs it as {@code global.script_user} when Spare runs as root.
     *
     * @throws IllegalStateException if a script user is set but runuser is missing
     */
    static List<String> launcherPrefix(ScriptSecurity security) {
        List<String> prefix = new ArrayList<>();
        Optional<Path> setsid = firstExecutable("/usr/bin/setsid", "/bin/setsid");
        setsid.ifPresent(path -> prefix.add(path.toString()));
        Optional<String> user = security.user().filter(u -> !u.equals(System.getProperty("user.name")));
        if (user.isPresent() && "root".equals(System.getProperty("user.name"))) {
            Path runuser = firstExecutable("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                    .orElseThrow(() -> new IllegalStateException("script_user " + user.get() + " needs runuser (util-linux)"));
            prefix.add(runuser.toString());
            prefix.add("-u");
            prefix.add(user.get());
            security.group().ifPresent(group -> {
                prefix.add("-g");
                prefix.add(group);
            });
            prefix.add("--");
        }
        return prefix;
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
