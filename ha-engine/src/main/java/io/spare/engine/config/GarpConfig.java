package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA timing on becoming MASTER, keepalived's {@code garp_master_*}.
 *
 * @param masterDelay {@code garp_master_delay}: the second burst this long after the first, restarted
 *     on each takeover; zero for none; default 5 s
 * @param masterRepeat {@code garp_master_repeat}: announcements per address in each burst, default 5
 * @param masterRefresh {@code garp_master_refresh}: re-announce this often while MASTER; zero (the
 *     default) for never
 * @param masterRefreshRepeat {@code garp_master_refresh_repeat}: announcements per refresh, default 1
 * @param lowerPrioRepeat {@code garp_lower_prio_repeat}: announcements when a MASTER hears a lower
 *     priority (healing a split brain), default = masterRepeat
 */
public record GarpConfig(
        Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat, int lowerPrioRepeat) {

    public static final GarpConfig DEFAULTS = new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1, 5);

    public GarpConfig {
        requireNonNull(masterDelay, "masterDelay");
        requireNonNull(masterRefresh, "masterRefresh");
    }
}
