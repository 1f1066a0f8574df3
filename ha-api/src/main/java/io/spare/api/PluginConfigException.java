package io.spare.api;

import java.util.List;

/** A plugin's block is invalid. Carries every problem found, so that all are reported at once. */
public class PluginConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public PluginConfigException(List<ConfigProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PluginConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public PluginConfigException(String key, String message) {
        this(List.of(new ConfigProblem(key, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String summary(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (ConfigProblem problem : problems) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(problem.key().isEmpty() ? "" : problem.key() + ": ").append(problem.message());
        }
        return text.toString();
    }
}
