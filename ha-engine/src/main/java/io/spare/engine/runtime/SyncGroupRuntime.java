package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.StateTransition;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import io.spare.engine.config.SyncGroupConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A sync group (keepalived {@code vrrp_sync_group}): its members change state together. A member's
 * own fault puts every member in FAULT; a member that leaves MASTER for BACKUP takes the other
 * MASTERs with it; a member whose down timer expires waits until every member is ready, then all
 * become MASTER at once. The group's own state (FAULT if any member is, MASTER if all are, else
 * BACKUP) is notified with {@link StateTransition.Scope#GROUP}. Loop thread only.
 */
final class SyncGroupRuntime {
    private static final Logger log = LogManager.getLogger(SyncGroupRuntime.class);

    private final SyncGroupConfig config;
    private final List<InstanceRuntime> members;
    private final Consumer<StateTransition> notifications;
    private final Clock wallClock;
    private VrrpState state = VrrpState.INIT;

    SyncGroupRuntime(SyncGroupConfig config, List<InstanceRuntime> members, Consumer<StateTransition> notifications, Clock wallClock) {
        this.config = requireNonNull(config, "config");
        this.members = List.copyOf(members);
        this.notifications = requireNonNull(notifications, "notifications");
        this.wallClock = requireNonNull(wallClock, "wallClock");
    }

    String name() {
        return config.name();
    }

    VrrpState state() {
        return state;
    }

    SyncGroupStatus status() {
        List<String> names = new ArrayList<>();
        members.forEach(m -> names.add(m.name()));
        return new SyncGroupStatus(name(), state, names);
    }

    /** A member's own fault changed: every member is in FAULT while any member has a fault of its own. */
    void memberFaultChanged() {
        InstanceRuntime faulty = null;
        for (InstanceRuntime m : members) {
            if (m.ownFault()) {
                faulty = m;
                break;
            }
        }
        for (InstanceRuntime m : members) {
            if (m.ownFault()) {
                m.applyFault(true, m.ownFaultReason());
            } else if (faulty != null) {
                m.applyFault(true, "sync group " + name() + ": " + faulty.name() + " in FAULT (" + faulty.ownFaultReason() + ")");
            } else {
                m.applyFault(false, "sync group " + name() + " fault cleared");
            }
        }
    }

    /** A member is ready for MASTER: when all are (or already are MASTER), they all go. */
    void requestMaster() {
        for (InstanceRuntime m : members) {
            VrrpState s = m.state().state();
            boolean ready = s == VrrpState.MASTER || (s == VrrpState.BACKUP && m.state().wantMaster());
            if (!ready) {
                return;
            }
        }
        for (InstanceRuntime m : members) {
            if (m.state().state() == VrrpState.BACKUP) {
                m.groupMaster(name());
            }
        }
    }

    /** A member MASTER heard a lower priority: the other MASTER members re-announce too (keepalived). */
    void reannounceOthers(InstanceRuntime member, int repeat) {
        for (InstanceRuntime m : members) {
            if (m != member && m.state().state() == VrrpState.MASTER) {
                m.announce(repeat);
            }
        }
    }

    void memberTransition(InstanceRuntime member, VrrpState from, VrrpState to, String reason) {
        if (from == VrrpState.MASTER && to == VrrpState.BACKUP) {
            for (InstanceRuntime m : members) {
                if (m != member && m.state().state() == VrrpState.MASTER) {
                    m.groupBackup("sync group " + name() + ": " + member.name() + " went BACKUP");
                }
            }
        }
        VrrpState next = computeState();
        if (next != state) {
            VrrpState previous = state;
            state = next;
            log.info("(sync group {}) Entering {} STATE ({}: {})", name(), next, member.name(), reason);
            List<VirtualAddress> vips = new ArrayList<>();
            members.forEach(m -> vips.addAll(m.config().allAddresses()));
            int priority = 0;
            for (InstanceRuntime m : members) {
                priority = Math.max(priority, m.state().priority());
            }
            notifications.accept(new StateTransition(
                    StateTransition.Scope.GROUP, name(), Optional.empty(), previous, next, priority, vips,
                    member.name() + ": " + reason, wallClock.instant()));
        }
    }

    private VrrpState computeState() {
        boolean allMaster = true;
        boolean allStop = true;
        boolean anyInit = false;
        for (InstanceRuntime m : members) {
            VrrpState s = m.state().state();
            switch (s) {
                case FAULT -> {
                    return VrrpState.FAULT;
                }
                case INIT -> anyInit = true;
                case MASTER, BACKUP, STOP -> { }
            }
            allMaster &= s == VrrpState.MASTER;
            allStop &= s == VrrpState.STOP;
        }
        if (allStop) {
            return VrrpState.STOP;
        }
        if (allMaster) {
            return VrrpState.MASTER;
        }
        return anyInit ? VrrpState.INIT : VrrpState.BACKUP;
    }
}
