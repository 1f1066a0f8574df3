package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.PluginConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a script's program and applies script security to it: at config time (errors and warnings
 * for {@code spare check}) and again before every run, because a script missing at startup may
 * appear later, and permissions may change under a running daemon.
 */
final class ScriptGuard {
    private final boolean enforce;
    private final ScriptFileVerifier verifier;
    private final String searchPath;
    private final Path configDirectory;

    ScriptGuard(boolean enforce, RunAs runAs, String searchPath, Path configDirectory) {
        this.enforce = enforce;
        this.verifier = new ScriptFileVerifier(runAs);
        this.searchPath = searchPath;
        this.configDirectory = configDirectory;
    }

    /**
     * Checks {@code command} at config time. A program that does not exist is a warning, as in
     * keepalived (the check or hook then fails at run time); unsafe permissions are an error while
     * script security is on.
     */
    void validate(String key, ScriptCommand command, PluginConfig config, List<ConfigProblem> problems) {
        Optional<Path> file = command.locate(searchPath, configDirectory);
        if (file.isEmpty()) {
            config.warn(key, command.program() + " not found on PATH " + searchPath + ": it fails until it exists");
            return;
        }
        try {
            Optional<String> unsafe = verifier.unsafeReason(file.get());
            if (unsafe.isPresent()) {
                if (enforce) {
                    problems.add(new ConfigProblem(key, unsafe.get()));
                } else {
                    config.warn(key, unsafe.get() + " (allowed because enable_script_security is off)");
                }
            } else if (!Files.isExecutable(file.get())) {
                problems.add(new ConfigProblem(key, file.get() + " is not executable"));
            }
        } catch (NoSuchFileException e) {
            config.warn(key, file.get() + " not found: it fails until it exists");
            return;
        } catch (IOException e) {
            problems.add(new ConfigProblem(key, "cannot check " + file.get() + ": " + e.getMessage()));
            return;
        }
        if (command.shell() && enforce) {
            config.warn(key, "with shell: true script security can check " + ScriptCommand.SHELL
                    + " only, not the shell expression itself");
        }
        if (command.shell() && command.words().get(0).contains("[[") && !shellIsBash(file.get())) {
            // keepalived on CentOS ran such lines with bash; here "[[" is "not found" and the
            // reference's "[[ -f down ]] && exit 1 || exit 0" would always pass.
            config.warn(key, "[[ ]] is bash syntax and " + ScriptCommand.SHELL + " is not bash here: write [ ] instead"
                    + " (or use type: file for a maintenance switch)");
        }
    }

    private static boolean shellIsBash(Path shell) {
        try {
            return shell.toRealPath().getFileName().toString().equals("bash");
        } catch (IOException e) {
            return false;
        }
    }

    /** The argv to run now, or why not. */
    Prepared prepare(ScriptCommand command) {
        Optional<Path> file = command.locate(searchPath, configDirectory);
        if (file.isEmpty()) {
            return Prepared.refused(command.program() + " not found on PATH " + searchPath);
        }
        if (!Files.exists(file.get())) {
            return Prepared.refused(file.get() + " not found");
        }
        if (enforce) {
            try {
                Optional<String> unsafe = verifier.unsafeReason(file.get());
                if (unsafe.isPresent()) {
                    return Prepared.refused("refused by script security: " + unsafe.get());
                }
            } catch (IOException e) {
                return Prepared.refused("cannot check " + file.get() + ": " + e.getMessage());
            }
        }
        return new Prepared(command.argv(file.get()), "");
    }

    /**
     * @param argv what to exec; empty if refused
     * @param refusal why not, if refused
     */
    record Prepared(List<String> argv, String refusal) {
        Prepared {
            argv = List.copyOf(argv);
        }

        static Prepared refused(String why) {
            return new Prepared(List.of(), why);
        }

        boolean refused() {
            return argv.isEmpty();
        }
    }
}
