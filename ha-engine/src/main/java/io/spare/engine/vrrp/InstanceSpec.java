package io.spare.engine.vrrp;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What the state machine needs to know about one instance, fixed for its life. Times in nanos.
 *
 * @param name the instance name, for reasons and logs
 * @param version 2 or 3
 * @param basePriority the configured priority; 255 makes this the address owner
 * @param advertIntervalNanos our own {@code advert_int}
 * @param downTimerAdverts adverts missed before the master is declared down (3)
 * @param startAsMaster {@code state MASTER}: only the address owner acts on it (at once)
 * @param nopreempt never take over a live master of lower priority
 * @param preemptDelayNanos {@code preempt_delay}, 0 for none
 * @param preemptFast take over after Skew_Time on hearing a lower priority (Spare extension)
 * @param garpMasterDelayNanos second announce burst after becoming MASTER, 0 for none
 * @param garpMasterRepeat announcements per burst
 * @param garpMasterRefreshNanos re-announce this often while MASTER, 0 for never
 * @param garpMasterRefreshRepeat announcements per refresh
 * @param garpLowerPrioRepeat announcements when a MASTER hears a lower priority
 * @param syncGroup the sync group this instance belongs to, if any
 */
public record InstanceSpec(
        String name,
        int version,
        int basePriority,
        long advertIntervalNanos,
        int downTimerAdverts,
        boolean startAsMaster,
        boolean nopreempt,
        long preemptDelayNanos,
        boolean preemptFast,
        long garpMasterDelayNanos,
        int garpMasterRepeat,
        long garpMasterRefreshNanos,
        int garpMasterRefreshRepeat,
        int garpLowerPrioRepeat,
        Optional<String> syncGroup) {

    /**
     * How long a MASTER that yields keeps its VIPs after it heard the new master: long enough for the
     * new master's address add and first GARP to land, so no client sees a moment without a holder.
     */
    public static final Duration HANDOVER_GRACE = Duration.ofMillis(100);

    public static final long HANDOVER_GRACE_NANOS = HANDOVER_GRACE.toNanos();

    public InstanceSpec {
        requireNonNull(name, "name");
        requireNonNull(syncGroup, "syncGroup");
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3 (was " + version + ")");
        }
        if (basePriority < 1 || basePriority > 255) {
            throw new IllegalArgumentException("priority must be 1..255 (was " + basePriority + ")");
        }
        if (advertIntervalNanos <= 0 || downTimerAdverts < 1) {
            throw new IllegalArgumentException("advert interval and down_timer_adverts must be positive");
        }
    }

    public boolean addressOwner() {
        return basePriority == 255;
    }

    /** Unsigned comparison of two addresses of one family: the higher one wins a priority tie. */
    public static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
