package io.spare.engine.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.VrrpState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure state machine, event by event, with the actions it asks for in order. */
class VrrpStateMachineTest {
    private static final long S = 1_000_000_000L;
    private static final long GRACE = InstanceSpec.HANDOVER_GRACE_NANOS;

    private final List<String> actions = new ArrayList<>();
    private final VrrpActions out = new VrrpActions() {
        @Override
        public void sendAdvert(int priority) {
            actions.add("advert " + priority);
        }

        @Override
        public void addAddresses() {
            actions.add("add");
        }

        @Override
        public void removeAddresses() {
            actions.add("remove");
        }

        @Override
        public void announce(int repeat) {
            actions.add("announce " + repeat);
        }

        @Override
        public void reannounce(int repeat) {
            actions.add("reannounce " + repeat);
        }

        @Override
        public void transition(VrrpState from, VrrpState to, String reason) {
            actions.add(from + "->" + to);
        }

        @Override
        public void requestGroupMaster() {
            actions.add("request group master");
        }

        @Override
        public void warn(String message) {
            actions.add("warn");
        }
    };

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InstanceSpec spec(int version, int priority, boolean preemptFast, Optional<String> group) {
        return new InstanceSpec("VI_1", version, priority, S, 3, false, false, 0, preemptFast, 5 * S, 5, 0, 1, 7, group);
    }

    private VrrpStateMachine machine(int priority) {
        VrrpStateMachine m = new VrrpStateMachine(spec(2, priority, false, Optional.empty()));
        m.setOwnAddress(ip("10.99.0.5"));
        return m;
    }

    private InstanceState master(VrrpStateMachine m, int priority) {
        InstanceState s = m.initialState(priority);
        m.onStart(s, 0, out);
        m.onTimer(s, s.masterDownAt(), out);
        assertThat(s.state()).isEqualTo(VrrpState.MASTER);
        actions.clear();
        return s;
    }

    @Test
    void startsBackupWithTheDownTimerOrFaultWhenFaulty() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onStart(s, 7 * S, out);
        assertThat(s.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(s.masterDownAt()).isEqualTo(7 * S + 3_609_375_000L);
        assertThat(s.nextDeadline()).isEqualTo(s.masterDownAt());

        InstanceState faulty = m.initialState(100);
        m.onFault(faulty, 0, true, "link down", out);
        m.onStart(faulty, 0, out);
        assertThat(faulty.state()).isEqualTo(VrrpState.FAULT);
        assertThat(faulty.nextDeadline()).isEqualTo(InstanceState.NEVER);
    }

    @Test
    void startupReleasesVipsACrashedRunLeftBehind() {
        VrrpStateMachine m = machine(100);
        m.onStart(m.initialState(100), 0, out);
        assertThat(actions).containsExactly("remove", "INIT->BACKUP");

        actions.clear();
        InstanceState faulty = m.initialState(100);
        m.onFault(faulty, 0, true, "link down", out);
        actions.clear();
        m.onStart(faulty, 0, out);
        assertThat(actions).containsExactly("remove", "INIT->FAULT");
    }

    @Test
    void becomingMasterSendsTheAdvertFirstThenAddsThenAnnouncesThenNotifies() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        actions.clear();
        m.onTimer(s, s.masterDownAt(), out);
        assertThat(actions).containsExactly("advert 100", "add", "announce 5", "BACKUP->MASTER");
        long t = 3_609_375_000L;
        assertThat(s.advertAt()).isEqualTo(t + S);
        assertThat(s.garpDelayAt()).isEqualTo(t + 5 * S);
        assertThat(s.holdsAddresses()).isTrue();
    }

    @Test
    void aMasterYieldsOnAnEqualPriorityFromAHigherAddressAndKeepsTheVipsForTheGrace() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onAdvert(s, 10 * S, 100, S, ip("10.99.0.6"), out);
        assertThat(s.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(actions).containsExactly("MASTER->BACKUP");
        assertThat(s.holdsAddresses()).isTrue();
        assertThat(s.releaseAt()).isEqualTo(10 * S + GRACE);
        assertThat(s.advertAt()).isEqualTo(InstanceState.NEVER);
        actions.clear();
        m.onTimer(s, 10 * S + GRACE, out);
        assertThat(actions).containsExactly("remove");
        assertThat(s.holdsAddresses()).isFalse();
    }

    @Test
    void aMasterHearingAnEqualPriorityFromALowerAddressReadvertisesAndReannounces() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onAdvert(s, 10 * S, 100, S, ip("10.99.0.4"), out);
        assertThat(s.state()).isEqualTo(VrrpState.MASTER);
        assertThat(actions).containsExactly("warn", "advert 100", "reannounce 7");
    }

    @Test
    void ourOwnAddressAndPriorityIsOnlyAWarning() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onAdvert(s, 10 * S, 100, S, ip("10.99.0.5"), out);
        assertThat(s.state()).isEqualTo(VrrpState.MASTER);
        assertThat(actions).containsExactly("warn");
    }

    @Test
    void aMasterHearingPriorityZeroAdvertisesAtOnceAndResetsItsTimer() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onAdvert(s, 10 * S + 123, 0, S, ip("10.99.0.6"), out);
        assertThat(actions).containsExactly("advert 100");
        assertThat(s.advertAt()).isEqualTo(11 * S + 123);
    }

    @Test
    void aBackupHearingPriorityZeroTimesOutAfterSkew() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        m.onAdvert(s, S, 0, S, ip("10.99.0.6"), out);
        assertThat(s.masterDownAt()).isEqualTo(S + 609_375_000L);
    }

    @Test
    void aPreemptingBackupDiscardsLowerPrioritiesWithoutRestartingItsTimer() {
        VrrpStateMachine m = machine(200);
        InstanceState s = m.initialState(200);
        m.onStart(s, 0, out);
        long deadline = s.masterDownAt();
        m.onAdvert(s, S, 100, S, ip("10.99.0.6"), out);
        assertThat(s.masterDownAt()).isEqualTo(deadline);
        assertThat(s.lowerPriorityDiscarded()).isEqualTo(1);
        assertThat(s.masterAddress()).isEmpty();

        VrrpStateMachine fast = new VrrpStateMachine(spec(2, 200, true, Optional.empty()));
        InstanceState f = fast.initialState(200);
        fast.onStart(f, 0, out);
        fast.onAdvert(f, S, 100, S, ip("10.99.0.6"), out);
        assertThat(f.masterDownAt()).isEqualTo(S + 218_750_000L);
    }

    @Test
    void aV3BackupAdoptsTheMastersIntervalAndRevertsOnLeavingFault() {
        VrrpStateMachine m = new VrrpStateMachine(spec(3, 100, false, Optional.empty()));
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        m.onAdvert(s, S, 150, 250_000_000L, ip("10.99.0.6"), out);
        assertThat(s.masterAdverIntervalNanos()).isEqualTo(250_000_000L);
        assertThat(s.masterDownAt()).isEqualTo(S + 750_000_000L + 152_343_000L);
        m.onFault(s, 2 * S, true, "down", out);
        m.onFault(s, 3 * S, false, "up", out);
        assertThat(s.masterAdverIntervalNanos()).isEqualTo(S);
    }

    @Test
    void aV2BackupKeepsItsOwnInterval() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        m.onAdvert(s, S, 150, 2 * S, ip("10.99.0.6"), out);
        assertThat(s.masterAdverIntervalNanos()).isEqualTo(S);
    }

    @Test
    void faultFromMasterSendsPriorityZeroThenReleasesAtOnce() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onFault(s, 10 * S, true, "check failed", out);
        assertThat(actions).containsExactly("advert 0", "remove", "MASTER->FAULT");
        assertThat(s.nextDeadline()).isEqualTo(InstanceState.NEVER);
        assertThat(s.priorityZeroSent()).isEqualTo(1);
    }

    @Test
    void stoppingMasterHandsOverWhenItHearsTheNewMaster() {
        VrrpStateMachine m = machine(100);
        InstanceState s = master(m, 100);
        m.onStop(s, 10 * S, out);
        assertThat(actions).containsExactly("advert 0", "MASTER->STOP");
        assertThat(s.releaseAt()).isEqualTo(10 * S + 3_609_375_000L + GRACE);
        m.onAdvert(s, 10 * S + 609_375_000L, 90, S, ip("10.99.0.6"), out);
        assertThat(s.releaseAt()).isEqualTo(10 * S + 609_375_000L + GRACE);
        assertThat(s.finished()).isFalse();
        m.onTimer(s, s.releaseAt(), out);
        assertThat(s.finished()).isTrue();
    }

    @Test
    void aBackupThatGainsPriorityShortensItsRunningTimerBySkew() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        m.onPriority(s, S, 200, out);
        assertThat(s.masterDownAt()).isEqualTo(3_000_000_000L + 218_750_000L);
        m.onPriority(s, S, 100, out); // a drop does not push it back (keepalived 2.2+)
        assertThat(s.masterDownAt()).isEqualTo(3_000_000_000L + 218_750_000L);
    }

    @Test
    void aSyncGroupMemberAsksItsGroupInsteadOfTakingOver() {
        VrrpStateMachine m = new VrrpStateMachine(spec(2, 100, false, Optional.of("G1")));
        InstanceState s = m.initialState(100);
        m.onStart(s, 0, out);
        actions.clear();
        m.onTimer(s, s.masterDownAt(), out);
        assertThat(s.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(s.wantMaster()).isTrue();
        assertThat(actions).containsExactly("request group master");
        m.onGroupMaster(s, s.masterDownAt(), "G1", out);
        assertThat(s.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void advertsAreIgnoredInFaultAndInit() {
        VrrpStateMachine m = machine(100);
        InstanceState s = m.initialState(100);
        m.onAdvert(s, 0, 200, S, ip("10.99.0.6"), out);
        m.onFault(s, 0, true, "x", out);
        m.onStart(s, 0, out);
        actions.clear();
        m.onAdvert(s, S, 200, S, ip("10.99.0.6"), out);
        assertThat(actions).isEmpty();
        assertThat(s.advertsReceived()).isZero();
    }

    @Test
    void garpRefreshRepeatsWhileMasterAndStopsOnLeaving() {
        InstanceSpec refreshing = new InstanceSpec("VI_1", 2, 100, S, 3, false, false, 0, false, 0, 5, 10 * S, 2, 5,
                Optional.empty());
        VrrpStateMachine m = new VrrpStateMachine(refreshing);
        InstanceState s = master(m, 100);
        long t = 3_609_375_000L;
        assertThat(s.garpDelayAt()).isEqualTo(InstanceState.NEVER); // garp_master_delay 0: no second burst
        assertThat(s.garpRefreshAt()).isEqualTo(t + 10 * S);
        for (long now = t + S; now <= t + 20 * S; now += S) {
            m.onTimer(s, now, out);
        }
        assertThat(actions).filteredOn(a -> a.startsWith("announce")).containsExactly("announce 2", "announce 2");
        m.onAdvert(s, t + 21 * S, 200, S, ip("10.99.0.6"), out);
        assertThat(s.garpRefreshAt()).isEqualTo(InstanceState.NEVER);
    }

    @Test
    void preemptDelayStartsOnTheFirstLowerAdvertAndIsClearedByAHigherOne() {
        InstanceSpec delayed = new InstanceSpec("VI_1", 2, 200, S, 3, false, false, 10 * S, false, 0, 5, 0, 1, 5,
                Optional.empty());
        VrrpStateMachine m = new VrrpStateMachine(delayed);
        InstanceState s = m.initialState(200);
        m.onStart(s, 0, out);
        m.onAdvert(s, S, 100, S, ip("10.99.0.6"), out);
        assertThat(s.preemptDelayUntil()).isEqualTo(11 * S);
        assertThat(s.masterDownAt()).isEqualTo(S + 3_218_750_000L); // accepted: timer restarted
        m.onAdvert(s, 2 * S, 250, S, ip("10.99.0.7"), out);
        assertThat(s.preemptDelayUntil()).isEqualTo(InstanceState.UNSET);
    }

    @Test
    void twoAddressOwnersEndTheConflictByGivingUpOwnership() {
        VrrpStateMachine m = machine(255);
        InstanceState s = master(m, 255);
        m.onAdvert(s, 10 * S, 255, S, ip("10.99.0.4"), out);
        assertThat(s.ownerConflict()).isTrue();
        assertThat(s.priority()).isEqualTo(254);
        assertThat(s.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(actions).containsExactly("warn", "MASTER->BACKUP");
        m.onPriority(s, 11 * S, 255, out); // the runtime's recomputation does not restore 255
        assertThat(s.priority()).isEqualTo(254);
    }
}
