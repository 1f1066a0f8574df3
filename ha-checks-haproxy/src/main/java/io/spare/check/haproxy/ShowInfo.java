package io.spare.check.haproxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The answer to {@code show info}: {@code Name: value} lines. */
record ShowInfo(Map<String, String> fields) {
    ShowInfo {
        fields = Map.copyOf(fields);
    }

    static ShowInfo parse(String text) throws StatsFormatException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        // Every version since 1.3 starts with Name and Version; an error text ("Unknown command") has neither.
        if (!fields.containsKey("Name") || !fields.containsKey("Version")) {
            throw new StatsFormatException("unexpected answer to show info: " + StatsFormatException.excerpt(text));
        }
        return new ShowInfo(fields);
    }

    String version() {
        return fields.getOrDefault("Version", "?");
    }

    /** {@code Stopping: 1} while a soft stop (SIGUSR1, or an old process after a reload) is under way. */
    boolean stopping() {
        return "1".equals(fields.get("Stopping"));
    }

    Optional<String> pid() {
        return Optional.ofNullable(fields.get("Pid"));
    }
}
