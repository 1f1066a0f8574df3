package io.spare.check.haproxy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One line of HAProxy's stats CSV, reduced to what the check looks at.
 *
 * @param proxy {@code pxname}: the frontend's, backend's or listen section's name
 * @param service {@code svname}: {@code FRONTEND}, {@code BACKEND}, or the server's name
 * @param type {@code type}
 * @param status {@code status}, as HAProxy writes it ({@code OPEN}, {@code UP 1/3}, {@code no check})
 * @param currentSessions {@code scur}; -1 when the field is empty
 * @param backup for a server, whether it is a {@code backup} server ({@code bck} = 1)
 */
record StatsRow(String proxy, String service, RowType type, String status, long currentSessions, boolean backup) {
    StatsRow {
        requireNonNull(proxy, "proxy");
        requireNonNull(service, "service");
        requireNonNull(type, "type");
        requireNonNull(status, "status");
    }

    /**
     * Whether HAProxy sends new traffic to this server. Counted as up: {@code UP}; {@code UP n/m}
     * (checks have started failing but the server stays in rotation until {@code fall} is reached);
     * {@code no check} (no health check: HAProxy assumes it is up and uses it). Not up: {@code DOWN},
     * {@code DOWN n/m} (checks pass again but {@code rise} is not reached, so still out of rotation),
     * {@code NOLB} and {@code DRAIN} (up, but take no new traffic), {@code MAINT},
     * {@code MAINT(via)}, {@code MAINT(resolution)}, and anything else.
     */
    boolean serving() {
        String normalized = status.trim().toUpperCase(Locale.ROOT);
        return normalized.equals("UP") || normalized.startsWith("UP ") || normalized.equals("NO CHECK");
    }
}
