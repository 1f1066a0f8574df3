package io.spare.engine.vrrp;

import io.spare.api.VrrpState;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The mutable state of one instance, owned by the event loop thread. The state machine writes the
 * next state into it; deadlines are loop-ticker nanos, {@link #NEVER} when not running. Snapshots
 * for other threads are taken with {@link #copy()}.
 */
public final class InstanceState {
    public static final long NEVER = Long.MAX_VALUE;
    /** {@link #preemptDelayUntil} when no preempt delay is running. */
    public static final long UNSET = Long.MIN_VALUE;

    VrrpState state = VrrpState.INIT;
    int priority;
    boolean fault;
    String faultReason = "";
    long masterAdverIntervalNanos;
    InetAddress masterAddress;
    int masterPriority;
    boolean holdsAddresses;
    boolean wantMaster;
    boolean stopping;
    boolean ownerConflict;

    long masterDownAt = NEVER;
    long advertAt = NEVER;
    long garpDelayAt = NEVER;
    long garpRefreshAt = NEVER;
    long releaseAt = NEVER;
    long preemptDelayUntil = UNSET;

    long advertsReceived;
    long priorityZeroReceived;
    long priorityZeroSent;
    long lowerPriorityDiscarded;
    long becameMaster;
    long lowerPriorityHeardAsMaster;

    public InstanceState(int effectivePriority, long advertIntervalNanos) {
        this.priority = effectivePriority;
        this.masterAdverIntervalNanos = advertIntervalNanos;
    }

    public InstanceState copy() {
        InstanceState c = new InstanceState(priority, masterAdverIntervalNanos);
        c.state = state;
        c.fault = fault;
        c.faultReason = faultReason;
        c.masterAddress = masterAddress;
        c.masterPriority = masterPriority;
        c.holdsAddresses = holdsAddresses;
        c.wantMaster = wantMaster;
        c.stopping = stopping;
        c.ownerConflict = ownerConflict;
        c.masterDownAt = masterDownAt;
        c.advertAt = advertAt;
        c.garpDelayAt = garpDelayAt;
        c.garpRefreshAt = garpRefreshAt;
        c.releaseAt = releaseAt;
        c.preemptDelayUntil = preemptDelayUntil;
        c.advertsReceived = advertsReceived;
        c.priorityZeroReceived = priorityZeroReceived;
        c.priorityZeroSent = priorityZeroSent;
        c.lowerPriorityDiscarded = lowerPriorityDiscarded;
        c.becameMaster = becameMaster;
        c.lowerPriorityHeardAsMaster = lowerPriorityHeardAsMaster;
        return c;
    }

    /** The earliest deadline the loop must wake this instance for. */
    public long nextDeadline() {
        return Math.min(Math.min(masterDownAt, advertAt), Math.min(Math.min(garpDelayAt, garpRefreshAt), releaseAt));
    }

    public VrrpState state() {
        return state;
    }

    public int priority() {
        return priority;
    }

    public boolean fault() {
        return fault;
    }

    public String faultReason() {
        return faultReason;
    }

    /** Master_Adver_Interval: our own, or (v3 BACKUP) the master's. */
    public long masterAdverIntervalNanos() {
        return masterAdverIntervalNanos;
    }

    public Optional<InetAddress> masterAddress() {
        return Optional.ofNullable(masterAddress);
    }

    public int masterPriority() {
        return masterPriority;
    }

    /** Whether our VIPs are on this host: as MASTER, or while handing over. */
    public boolean holdsAddresses() {
        return holdsAddresses;
    }

    public boolean wantMaster() {
        return wantMaster;
    }

    /** Another router also claims priority 255: we gave ownership up (254). */
    public boolean ownerConflict() {
        return ownerConflict;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Stopped and released: nothing more will happen. */
    public boolean finished() {
        return state == VrrpState.STOP && !holdsAddresses;
    }

    public long masterDownAt() {
        return masterDownAt;
    }

    public long advertAt() {
        return advertAt;
    }

    public long garpDelayAt() {
        return garpDelayAt;
    }

    public long garpRefreshAt() {
        return garpRefreshAt;
    }

    public long releaseAt() {
        return releaseAt;
    }

    public long preemptDelayUntil() {
        return preemptDelayUntil;
    }

    public long advertsReceived() {
        return advertsReceived;
    }

    public long priorityZeroReceived() {
        return priorityZeroReceived;
    }

    public long priorityZeroSent() {
        return priorityZeroSent;
    }

    public long lowerPriorityDiscarded() {
        return lowerPriorityDiscarded;
    }

    public long becameMaster() {
        return becameMaster;
    }

    public long lowerPriorityHeardAsMaster() {
        return lowerPriorityHeardAsMaster;
    }

    @Override
    public String toString() {
        return state + " prio " + priority + (fault ? " fault(" + faultReason + ")" : "")
                + (holdsAddresses ? " holding" : "");
    }
}
