package io.spare.check.script;

import java.util.List;
import java.util.Optional;

/**
 * Which processes count for a {@code type: process} check: by name, and optionally by arguments.
 *
 * @param name the name or full path to match
 * @param parameters the arguments to match; empty Optional: any
 * @param paramMatch how the arguments are compared
 */
record ProcessMatcher(String name, Optional<List<String>> parameters, ProcessCheckConfig.ParamMatch paramMatch) {
    private static final int COMM_LENGTH = 15;

    boolean matches(ProcFs.ProcessInfo process) {
        if (process.zombie() || process.argv().isEmpty() && !parameters.isEmpty()) {
            return false;
        }
        return nameMatches(process) && parameters.map(p -> argumentsMatch(p, process.argv())).orElse(true);
    }

    private boolean nameMatches(ProcFs.ProcessInfo process) {
        String argv0 = process.argv().isEmpty() ? "" : process.argv().get(0);
        if (name.contains("/")) {
            return argv0.equals(name);
        }
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        return (name.length() <= COMM_LENGTH && process.comm().equals(name)) || base.equals(name);
    }

    private boolean argumentsMatch(List<String> expected, List<String> argv) {
        List<String> actual = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        return switch (paramMatch) {
            case EXACT -> actual.equals(expected);
            case PARTIAL -> actual.size() >= expected.size() && actual.subList(0, expected.size()).equals(expected);
            case INITIAL -> initialMatch(expected, actual);
        };
    }

    private static boolean initialMatch(List<String> expected, List<String> actual) {
        if (expected.isEmpty()) {
            return true;
        }
        int last = expected.size() - 1;
        return actual.size() >= expected.size()
                && actual.subList(0, last).equals(expected.subList(0, last))
                && actual.get(last).startsWith(expected.get(last));
    }

    /** For messages: {@code haproxy} or {@code haproxy -f /etc/haproxy.cfg}. */
    String describe() {
        return parameters.filter(p -> !p.isEmpty()).map(p -> name + " " + String.join(" ", p)).orElse(name);
    }
}
