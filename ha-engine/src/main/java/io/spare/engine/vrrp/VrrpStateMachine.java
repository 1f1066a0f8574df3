package io.spare.engine.vrrp;

import static io.spare.engine.vrrp.InstanceState.NEVER;
import static io.spare.engine.vrrp.InstanceState.UNSET;
import static java.util.Objects.requireNonNull;

import io.spare.api.VrrpState;
import java.net.InetAddress;

/**
 * The VRRP state machine of one instance (RFC 3768 / RFC 5798 as keepalived implements them).
 *
 * <p>Pure: no I/O, no clock, no threads. Each event method takes the state, the event and the time,
 * writes the next state into {@code s} and asks for effects through {@link VrrpActions}. Timers are
 * deadlines kept in the state; the loop calls {@link #onTimer} when {@link InstanceState#nextDeadline()}
 * passes.
 *
 * <p><b>Handover.</b> A planned move must lose nothing. When a MASTER yields to a live peer (it heard
 * a higher priority, or an equal one from a higher address) it keeps its VIPs for {@link
 * InstanceSpec#HANDOVER_GRACE} after that advert, since the peer sends its advert before adding the
 * VIPs. When a MASTER stops it sends priority 0 and keeps the VIPs until it hears the new master's
 * advert plus the grace, or at most Master_Down_Interval plus the grace (nobody took over). Only then
 * are they removed, so a client never sees a moment with nobody holding the VIP; the brief overlap is
 * harmless because the new master's gratuitous ARPs point the segment at itself. Entering FAULT does
 * not hand over: the VIPs go at once (priority 0 advert first), as keepalived.
 */
public final class VrrpStateMachine {
    private final InstanceSpec spec;

    public VrrpStateMachine(InstanceSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    public InstanceSpec spec() {
        return spec;
    }

    /** A fresh INIT state with the given effective priority. */
    public InstanceState initialState(int effectivePriority) {
        return new InstanceState(effectivePriority, spec.advertIntervalNanos());
    }

    /** Leaves INIT: to FAULT, or BACKUP; an address owner with {@code state MASTER} takes over at once. */
    public void onStart(InstanceState s, long now, VrrpActions out) {
        if (s.state != VrrpState.INIT) {
            return;
        }
        releaseLeftovers(out);
        if (s.fault) {
            enterFault(s, "startup: " + s.faultReason, out);
            return;
        }
        enterBackup(s, now, "startup", out);
        if (spec.addressOwner() && spec.startAsMaster()) {
            s.masterDownAt = now;
        }
    }

    /**
     * As keepalived at startup, also when {@code vrrp_startup_delay} holds VRRP back: VIPs left on
     * the interface by a run that crashed (or added by hand) must not answer while another host is
     * MASTER. An address owner that starts as MASTER keeps them. Removing is idempotent.
     */
    public void releaseLeftovers(VrrpActions out) {
        if (!(spec.addressOwner() && spec.startAsMaster())) {
            out.removeAddresses();
        }
    }

    /** An accepted advert arrived (the transport already validated it). */
    public void onAdvert(InstanceState s, long now, int priority, long intervalNanos, InetAddress source, VrrpActions out) {
        switch (s.state) {
            case INIT, FAULT -> { }
            case STOP -> {
                if (priority > 0) {
                    heardNewMaster(s, now);
                }
            }
            case BACKUP -> {
                s.advertsReceived++;
                backupReceived(s, now, priority, intervalNanos, source, out);
            }
            case MASTER -> {
                s.advertsReceived++;
                masterReceived(s, now, priority, intervalNanos, source, out);
            }
        }
    }

    private void backupReceived(
            InstanceState s, long now, int priority, long intervalNanos, InetAddress source, VrrpActions out) {
        if (priority == 0) {
            s.priorityZeroReceived++;
            s.masterAddress = null;
            s.masterPriority = 0;
            s.masterDownAt = now + skew(s);
            return;
        }
        heardNewMaster(s, now);
        boolean preemptDelayRunning = spec.preemptDelayNanos() > 0
                && (s.preemptDelayUntil == UNSET || now < s.preemptDelayUntil);
        if (spec.nopreempt() || priority >= s.priority || preemptDelayRunning) {
            if (spec.preemptDelayNanos() > 0) {
                if (priority > s.priority) {
                    s.preemptDelayUntil = UNSET;
                } else if (s.preemptDelayUntil == UNSET) {
                    s.preemptDelayUntil = now + spec.preemptDelayNanos();
                }
            }
            s.masterAddress = source;
            s.masterPriority = priority;
            if (spec.version() == 3 && intervalNanos > 0) {
                s.masterAdverIntervalNanos = intervalNanos;
            }
            s.wantMaster = false;
            s.masterDownAt = now + masterDown(s);
        } else {
            // Preemption: let the running down timer expire instead of restarting it.
            s.lowerPriorityDiscarded++;
            if (spec.preemptFast()) {
                s.masterDownAt = Math.min(s.masterDownAt, now + skew(s));
            }
        }
    }

    private void masterReceived(
            InstanceState s, long now, int priority, long intervalNanos, InetAddress source, VrrpActions out) {
        if (priority == 0) {
            s.priorityZeroReceived++;
            out.sendAdvert(s.priority);
            s.advertAt = now + spec.advertIntervalNanos();
            return;
        }
        if (priority == 255 && s.priority == 255 && compareToOwn(source) != 0) {
            // Both routers claim to own the address: a configuration error. As keepalived, give up
            // ownership (254) so that the election can end; the other owner wins.
            s.ownerConflict = true;
            s.priority = 254;
            out.warn("CONFIGURATION ERROR: " + hostOf(source) + " is also configured as address owner (priority 255);"
                    + " reducing our priority to 254");
        }
        int tie = priority == s.priority ? compareToOwn(source) : 0;
        if (priority == s.priority && tie == 0) {
            out.warn("received an advert with our own priority " + priority + " from our own address " + hostOf(source)
                    + ": another host uses our address, or the interface loops back");
            return;
        }
        if (priority > s.priority || tie > 0) {
            s.masterAddress = source;
            s.masterPriority = priority;
            if (spec.version() == 3 && intervalNanos > 0) {
                s.masterAdverIntervalNanos = intervalNanos;
            }
            leaveMasterForBackup(s, now, now + InstanceSpec.HANDOVER_GRACE_NANOS, out);
            out.transition(VrrpState.MASTER, VrrpState.BACKUP, "higher priority " + priority + " from " + hostOf(source)
                    + (tie > 0 ? " (equal priority, higher address)" : ""));
            return;
        }
        s.lowerPriorityHeardAsMaster++;
        out.warn("received advert from " + hostOf(source) + " with lower priority " + priority + ", ours " + s.priority
                + ", forcing new election");
        out.sendAdvert(s.priority);
        out.reannounce(spec.garpLowerPrioRepeat());
    }

    /** The deadline in {@link InstanceState#nextDeadline()} passed: runs every expired timer. */
    public void onTimer(InstanceState s, long now, VrrpActions out) {
        if (s.releaseAt <= now) {
            s.releaseAt = NEVER;
            if (s.holdsAddresses && s.state != VrrpState.MASTER) {
                s.holdsAddresses = false;
                out.removeAddresses();
            }
        }
        if (s.masterDownAt <= now) {
            s.masterDownAt = NEVER;
            if (s.state == VrrpState.BACKUP && !s.fault && !s.stopping) {
                masterDownExpired(s, now, out);
            }
        }
        if (s.advertAt <= now) {
            if (s.state == VrrpState.MASTER) {
                out.sendAdvert(s.priority);
                long next = s.advertAt + spec.advertIntervalNanos();
                s.advertAt = next > now ? next : now + spec.advertIntervalNanos();
            } else {
                s.advertAt = NEVER;
            }
        }
        if (s.garpDelayAt <= now) {
            s.garpDelayAt = NEVER;
            if (s.state == VrrpState.MASTER) {
                out.announce(spec.garpMasterRepeat());
            }
        }
        if (s.garpRefreshAt <= now) {
            if (s.state == VrrpState.MASTER) {
                out.announce(spec.garpMasterRefreshRepeat());
                s.garpRefreshAt = now + spec.garpMasterRefreshNanos();
            } else {
                s.garpRefreshAt = NEVER;
            }
        }
    }

    private void masterDownExpired(InstanceState s, long now, VrrpActions out) {
        if (spec.syncGroup().isPresent()) {
            // keepalived: a member waits for its whole group; re-arm so it asks again if the group is not ready.
            s.wantMaster = true;
            s.masterDownAt = now + spec.downTimerAdverts() * s.masterAdverIntervalNanos
                    + VrrpTimers.skewNanos(spec.version(), 255, s.masterAdverIntervalNanos);
            out.requestGroupMaster();
            return;
        }
        becomeMaster(s, now, masterDownReason(s), out);
    }

    private String masterDownReason(InstanceState s) {
        if (spec.addressOwner() && spec.startAsMaster() && s.masterAddress == null && s.advertsReceived == 0) {
            return "address owner";
        }
        return "master down timer expired";
    }

    /** The sync group is ready: every member becomes MASTER together. */
    public void onGroupMaster(InstanceState s, long now, String group, VrrpActions out) {
        if (s.state == VrrpState.BACKUP && !s.fault && !s.stopping) {
            becomeMaster(s, now, "sync group " + group + " master", out);
        }
    }

    /** Another member of the sync group went to BACKUP: this one follows. */
    public void onGroupBackup(InstanceState s, long now, String reason, VrrpActions out) {
        s.wantMaster = false;
        if (s.state == VrrpState.MASTER) {
            leaveMasterForBackup(s, now, now + masterDown(s) + InstanceSpec.HANDOVER_GRACE_NANOS, out);
            out.transition(VrrpState.MASTER, VrrpState.BACKUP, reason);
        } else if (s.state == VrrpState.BACKUP) {
            s.masterDownAt = now + masterDown(s);
        }
    }

    /** The fault condition (link down, weight-0 check failing, own or the sync group's) changed. */
    public void onFault(InstanceState s, long now, boolean fault, String reason, VrrpActions out) {
        boolean was = s.fault;
        s.fault = fault;
        s.faultReason = fault ? reason : "";
        if (fault == was) {
            return;
        }
        if (fault) {
            switch (s.state) {
                case INIT, STOP, FAULT -> { }
                case BACKUP -> {
                    releaseNow(s, out);
                    enterFault(s, reason, out);
                }
                case MASTER -> {
                    sendPriorityZero(s, out);
                    releaseNow(s, out);
                    enterFault(s, reason, out);
                }
            }
        } else if (s.state == VrrpState.FAULT) {
            enterBackup(s, now, reason, out);
        }
    }

    /** The effective priority moved (tracked checks or interfaces). */
    public void onPriority(InstanceState s, long now, int priority, VrrpActions out) {
        if (s.ownerConflict && priority == 255) {
            priority = 254;
        }
        int old = s.priority;
        if (priority == old) {
            return;
        }
        s.priority = priority;
        if (s.state == VrrpState.BACKUP && priority > old && s.masterDownAt != NEVER) {
            // As keepalived: a backup that gained priority shortens its running timer by the skew it lost.
            long before = VrrpTimers.skewNanos(spec.version(), old, s.masterAdverIntervalNanos);
            long after = VrrpTimers.skewNanos(spec.version(), priority, s.masterAdverIntervalNanos);
            s.masterDownAt -= before - after;
        }
    }

    /** Graceful shutdown: a MASTER sends priority 0 and hands over; everyone ends in STOP. */
    public void onStop(InstanceState s, long now, VrrpActions out) {
        s.stopping = true;
        s.wantMaster = false;
        switch (s.state) {
            case STOP -> { }
            case MASTER -> {
                sendPriorityZero(s, out);
                stopMasterTimers(s);
                s.releaseAt = now + masterDown(s) + InstanceSpec.HANDOVER_GRACE_NANOS;
                s.state = VrrpState.STOP;
                out.transition(VrrpState.MASTER, VrrpState.STOP, "stopping");
            }
            case INIT, BACKUP, FAULT -> {
                VrrpState from = s.state;
                s.masterDownAt = NEVER;
                s.state = VrrpState.STOP;
                out.transition(from, VrrpState.STOP, "stopping");
            }
        }
    }

    private void becomeMaster(InstanceState s, long now, String reason, VrrpActions out) {
        VrrpState from = s.state;
        s.state = VrrpState.MASTER;
        s.becameMaster++;
        s.wantMaster = false;
        s.masterDownAt = NEVER;
        s.releaseAt = NEVER;
        s.preemptDelayUntil = UNSET;
        s.masterAdverIntervalNanos = spec.advertIntervalNanos();
        s.masterAddress = null;
        s.masterPriority = s.priority;
        out.sendAdvert(s.priority);
        s.holdsAddresses = true;
        out.addAddresses();
        out.announce(spec.garpMasterRepeat());
        s.advertAt = now + spec.advertIntervalNanos();
        s.garpDelayAt = spec.garpMasterDelayNanos() > 0 ? now + spec.garpMasterDelayNanos() : NEVER;
        s.garpRefreshAt = spec.garpMasterRefreshNanos() > 0 ? now + spec.garpMasterRefreshNanos() : NEVER;
        out.transition(from, VrrpState.MASTER, reason);
    }

    private void leaveMasterForBackup(InstanceState s, long now, long releaseAt, VrrpActions out) {
        stopMasterTimers(s);
        s.state = VrrpState.BACKUP;
        s.masterDownAt = now + masterDown(s);
        s.releaseAt = Math.min(s.releaseAt, releaseAt);
    }

    private void enterBackup(InstanceState s, long now, String reason, VrrpActions out) {
        VrrpState from = s.state;
        s.state = VrrpState.BACKUP;
        s.masterAdverIntervalNanos = spec.advertIntervalNanos();
        s.masterAddress = null;
        s.masterPriority = 0;
        s.preemptDelayUntil = UNSET;
        s.masterDownAt = now + masterDown(s);
        out.transition(from, VrrpState.BACKUP, reason);
    }

    private void enterFault(InstanceState s, String reason, VrrpActions out) {
        VrrpState from = s.state;
        stopMasterTimers(s);
        s.state = VrrpState.FAULT;
        s.wantMaster = false;
        s.masterDownAt = NEVER;
        s.masterAddress = null;
        s.masterAdverIntervalNanos = spec.advertIntervalNanos();
        out.transition(from, VrrpState.FAULT, reason);
    }

    private void heardNewMaster(InstanceState s, long now) {
        if (s.holdsAddresses) {
            s.releaseAt = Math.min(s.releaseAt, now + InstanceSpec.HANDOVER_GRACE_NANOS);
        }
    }

    private void releaseNow(InstanceState s, VrrpActions out) {
        s.releaseAt = NEVER;
        if (s.holdsAddresses) {
            s.holdsAddresses = false;
            out.removeAddresses();
        }
    }

    private void sendPriorityZero(InstanceState s, VrrpActions out) {
        s.priorityZeroSent++;
        out.sendAdvert(0);
    }

    private static void stopMasterTimers(InstanceState s) {
        s.advertAt = NEVER;
        s.garpDelayAt = NEVER;
        s.garpRefreshAt = NEVER;
    }

    private int compareToOwn(InetAddress source) {
        return ownAddress == null ? 1 : InstanceSpec.compareAddresses(source, ownAddress);
    }

    private InetAddress ownAddress;

    /** Our channel's source address, for the equal-priority tie; known once the channel is open. */
    public void setOwnAddress(InetAddress address) {
        this.ownAddress = address;
    }

    private long skew(InstanceState s) {
        return VrrpTimers.skewNanos(spec.version(), skewPriority(s), s.masterAdverIntervalNanos);
    }

    private long masterDown(InstanceState s) {
        return VrrpTimers.masterDownNanos(spec.version(), skewPriority(s), s.masterAdverIntervalNanos, spec.downTimerAdverts());
    }

    private int skewPriority(InstanceState s) {
        return spec.addressOwner() && !s.ownerConflict ? 255 : s.priority;
    }

    private static String hostOf(InetAddress address) {
        return address.getHostAddress();
    }
}
