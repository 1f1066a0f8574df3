package io.spare.engine.plugin;

import java.util.List;

/** Plugins could not be loaded: every problem, each naming the jar or directory it concerns. */
public final class PluginLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exit code of {@code spare run} and {@code spare check} for plugin problems. */
    public static final int EXIT_PLUGIN = 3;

    private final List<String> problems;

    public PluginLoadException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
