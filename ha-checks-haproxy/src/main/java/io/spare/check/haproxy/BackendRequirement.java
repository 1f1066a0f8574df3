package io.spare.check.haproxy;

/**
 * What one backend must satisfy, from {@code backends: {web: {...}}}.
 *
 * @param minUp {@code min_up}: at least this many servers UP; the default (1) when neither this nor
 *     {@code min_up_percent} is given
 * @param minUpPercent {@code min_up_percent}: at least this share of the counted servers UP, 1..100
 * @param countBackup {@code count_backup}: whether {@code backup} servers count, in both the UP and
 *     the total number; default false, so that a sorry-server does not hide an outage
 * @param maxSessions {@code max_sessions}: the backend's current sessions ({@code scur}) must stay
 *     below this
 */
record BackendRequirement(Integer minUp, Integer minUpPercent, Boolean countBackup, Long maxSessions) {
    static final BackendRequirement DEFAULT = new BackendRequirement(null, null, null, null);

    BackendRequirement {
        if (minUp == null && minUpPercent == null) {
            minUp = 1;
        }
        if (countBackup == null) {
            countBackup = false;
        }
    }
}
