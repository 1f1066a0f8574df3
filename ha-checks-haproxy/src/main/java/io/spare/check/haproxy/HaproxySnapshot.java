package io.spare.check.haproxy;

import java.util.List;
import java.util.Optional;

/**
 * What HAProxy said in one probe.
 *
 * @param info the answer to {@code show info}; empty when read from the stats page, which has none
 * @param rows the stats CSV
 */
record HaproxySnapshot(Optional<ShowInfo> info, List<StatsRow> rows) {
    HaproxySnapshot {
        java.util.Objects.requireNonNull(info, "info");
        rows = List.copyOf(rows);
    }
}
