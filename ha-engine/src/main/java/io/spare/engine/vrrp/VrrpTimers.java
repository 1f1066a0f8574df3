package io.spare.engine.vrrp;

/**
 * The RFC timers, computed as keepalived computes them: in whole microseconds, with its integer
 * truncation, so that a Spare backup and a keepalived backup time out at the same microsecond.
 */
public final class VrrpTimers {
    public static final long NANOS_PER_MICRO = 1_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_CENTISECOND = 10_000L;

    private VrrpTimers() {}

    /**
     * Skew_Time in microseconds. v2 (RFC 3768): {@code (256 - prio) / 256} s whatever the interval.
     * v3 (RFC 5798): {@code (256 - prio) × Master_Adver_Interval / 256}, which keepalived evaluates
     * as {@code prio_delta × centiseconds × 625 / 16} (625/16 = 10000 µs/cs / 256).
     *
     * @param priority the effective priority (255 for an address owner)
     * @param masterAdverIntervalMicros v3 only: the interval in force (the master's, for a backup)
     */
    public static long skewMicros(int version, int priority, long masterAdverIntervalMicros) {
        long delta = 256L - priority;
        if (version == 3) {
            return delta * (masterAdverIntervalMicros / MICROS_PER_CENTISECOND) * 625L / 16L;
        }
        return delta * MICROS_PER_SECOND / 256L;
    }

    /** Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time, in µs. */
    public static long masterDownMicros(int version, int priority, long masterAdverIntervalMicros, int downTimerAdverts) {
        return downTimerAdverts * masterAdverIntervalMicros + skewMicros(version, priority, masterAdverIntervalMicros);
    }

    public static long skewNanos(int version, int priority, long masterAdverIntervalNanos) {
        return skewMicros(version, priority, masterAdverIntervalNanos / NANOS_PER_MICRO) * NANOS_PER_MICRO;
    }

    public static long masterDownNanos(int version, int priority, long masterAdverIntervalNanos, int downTimerAdverts) {
        return masterDownMicros(version, priority, masterAdverIntervalNanos / NANOS_PER_MICRO, downTimerAdverts)
                * NANOS_PER_MICRO;
    }
}
