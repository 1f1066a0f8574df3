package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressFamily;
import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.StateTransition;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpChannel;
import io.spare.api.VrrpState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.loop.EventLoop;
import io.spare.engine.loop.LoopTimer;
import io.spare.engine.vrrp.InstanceSpec;
import io.spare.engine.vrrp.InstanceState;
import io.spare.engine.vrrp.VrrpActions;
import io.spare.engine.vrrp.VrrpStateMachine;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One instance at run time: its state machine and state, its channel, and the effects the machine
 * asks for, performed through the ports. Loop thread only, except the {@link AdvertListener}
 * callbacks, which only enqueue.
 */
final class InstanceRuntime implements VrrpActions, AdvertListener {
    private static final Logger log = LogManager.getLogger(InstanceRuntime.class);

    private final InstanceConfig config;
    private final VrrpStateMachine machine;
    private final InstanceState state;
    private final EventLoop loop;
    private final AddressWorker addresses;
    private final Consumer<StateTransition> notifications;
    private final Clock wallClock;
    private final LoopTimer timer;
    private final List<TrackedCheckBinding> checks;
    private final Map<String, Integer> trackedInterfaces = new LinkedHashMap<>();
    private final Map<String, Boolean> linkUp;
    /** The advert last sent: the priority rarely changes, so it is built again only when it does. */
    private Advertisement lastAdvert;
    private final List<InetAddress> advertisedAddresses;
    private final Set<String> versionMismatches = new LinkedHashSet<>();
    private final List<Pending> pendingTransitions = new ArrayList<>(2);
    private SyncGroupRuntime group;
    /** The VIPs as they go on the host: with use_vmac, those without a device go on the VMAC interface. */
    private List<VirtualAddress> held;
    private String vmacInterface;
    private String vmacProblem = "";

    private VrrpChannel channel;
    private String channelProblem = "";
    private boolean ownFault;
    private String ownFaultReason = "";
    private boolean sendFailureLogged;
    private String lastWarning = "";
    private long advertsSent;
    private long sendErrors;
    private long vipsRestored;

    InstanceRuntime(
            InstanceConfig config,
            InstanceSpec spec,
            EventLoop loop,
            AddressWorker addresses,
            Consumer<StateTransition> notifications,
            Clock wallClock,
            List<TrackedCheckBinding> checks,
            Map<String, Boolean> linkUp) {
        this.config = requireNonNull(config, "config");
        this.machine = new VrrpStateMachine(spec);
        this.loop = requireNonNull(loop, "loop");
        this.addresses = requireNonNull(addresses, "addresses");
        this.notifications = requireNonNull(notifications, "notifications");
        this.wallClock = requireNonNull(wallClock, "wallClock");
        this.checks = List.copyOf(checks);
        this.linkUp = requireNonNull(linkUp, "linkUp");
        config.trackInterface().forEach(t -> trackedInterfaces.put(t.name(), t.weight()));
        List<InetAddress> advertised = new ArrayList<>();
        config.virtualIpaddress().forEach(v -> advertised.add(v.address()));
        this.advertisedAddresses = List.copyOf(advertised);
        this.held = config.allAddresses();
        this.state = machine.initialState(compute().priority());
        this.timer = loop.newTimer(this::timerFired);
    }

    static InstanceSpec specOf(InstanceConfig c, Optional<String> syncGroup) {
        return new InstanceSpec(
                c.name(),
                c.version(),
                c.priority(),
                c.advertInt().toNanos(),
                c.downTimerAdverts(),
                c.state() == io.spare.engine.config.InitialState.MASTER,
                c.nopreempt(),
                c.preemptDelay().toNanos(),
                c.preemptFast(),
                c.garp().masterDelay().toNanos(),
                c.garp().masterRepeat(),
                c.garp().masterRefresh().toNanos(),
                c.garp().masterRefreshRepeat(),
                c.garp().lowerPrioRepeat(),
                syncGroup);
    }

    String name() {
        return config.name();
    }

    InstanceConfig config() {
        return config;
    }

    InstanceState state() {
        return state;
    }

    void joinGroup(SyncGroupRuntime group) {
        this.group = group;
    }

    Optional<SyncGroupRuntime> group() {
        return Optional.ofNullable(group);
    }

    List<TrackedCheckBinding> trackedChecks() {
        return checks;
    }

    boolean ownFault() {
        return ownFault;
    }

    String ownFaultReason() {
        return ownFaultReason;
    }

    ChannelSpec channelSpec() {
        return new ChannelSpec(
                config.name(),
                config.interfaceName(),
                config.family(),
                config.virtualRouterId(),
                config.version(),
                config.version() == 2 ? config.authentication() : Authentication.NONE,
                config.advertInt(),
                config.unicastSrcIp().or(config::mcastSrcIp),
                config.unicastPeer(),
                config.virtualIpaddress());
    }

    /** The VMAC name {@code use_vmac} asks for: the configured one or {@code vrrp.VRID}. */
    String vmacName() {
        return config.vmacName().orElse("vrrp." + config.virtualRouterId());
    }

    /** Called on the loop once the VMAC interface exists (or could not be made). */
    void vmacReady(String name, String problem) {
        this.vmacInterface = name;
        this.vmacProblem = problem;
        if (name != null) {
            List<VirtualAddress> onVmac = new ArrayList<>();
            for (VirtualAddress vip : config.allAddresses()) {
                onVmac.add(vip.device().isPresent() ? vip
                        : new VirtualAddress(vip.address(), vip.prefixLength(), Optional.of(name), vip.label(), vip.scope()));
            }
            held = List.copyOf(onVmac);
        }
        refreshTracking();
    }

    Optional<String> vmacInterface() {
        return Optional.ofNullable(vmacInterface);
    }

    /** Called on the loop once the channel is open (or could not be opened). */
    void channelOpened(VrrpChannel opened, String problem) {
        this.channel = opened;
        this.channelProblem = problem;
        if (opened != null) {
            machine.setOwnAddress(opened.sourceAddress());
        }
        refreshTracking();
    }

    /** The channel could not be opened (and has not been since): worth another try. */
    boolean channelFailed() {
        return channel == null && !channelProblem.isEmpty();
    }

    boolean usesInterface(String name) {
        return config.interfaceName().equals(name) || trackedInterfaces.containsKey(name);
    }

    // ---- events (loop thread) ----

    void start() {
        machine.onStart(state, loop.nanoTime(), this);
        afterStep();
    }

    /** Before a delayed start: the VIPs a crashed run left go now, not when VRRP starts. */
    void releaseLeftovers() {
        machine.releaseLeftovers(this);
    }

    void stop() {
        machine.onStop(state, loop.nanoTime(), this);
        afterStep();
    }

    /** Checks, links or the channel changed: recompute priority and own fault. */
    void refreshTracking() {
        Tracking.Result result = compute();
        machine.onPriority(state, loop.nanoTime(), result.priority(), this);
        boolean fault = !result.faults().isEmpty();
        String reason = fault ? String.join(", ", result.faults()) : "fault cleared";
        boolean changed = fault != ownFault || (fault && !reason.equals(ownFaultReason));
        ownFault = fault;
        ownFaultReason = fault ? reason : "";
        if (changed) {
            if (group != null) {
                group.memberFaultChanged();
            } else {
                applyFault(fault, reason);
            }
        }
        afterStep();
    }

    void applyFault(boolean fault, String reason) {
        machine.onFault(state, loop.nanoTime(), fault, reason, this);
        afterStep();
    }

    void groupMaster(String groupName) {
        machine.onGroupMaster(state, loop.nanoTime(), groupName, this);
        afterStep();
    }

    void groupBackup(String reason) {
        machine.onGroupBackup(state, loop.nanoTime(), reason, this);
        afterStep();
    }

    private void timerFired() {
        machine.onTimer(state, loop.nanoTime(), this);
        afterStep();
    }

    private void received(Advertisement advert, InetAddress source) {
        machine.onAdvert(state, loop.nanoTime(), advert.priority(), advert.advertInterval().toNanos(), source, this);
        afterStep();
    }

    /** One of our VIPs disappeared from an interface. While we hold it, someone else removed it: put it back. */
    void addressRemoved(String interfaceName, InetAddress address) {
        if (!state.holdsAddresses()) {
            return;
        }
        for (VirtualAddress vip : held) {
            if (vip.address().equals(address) && vip.deviceOr(config.interfaceName()).equals(interfaceName)) {
                vipsRestored++;
                log.warn("({}) VIP {} was removed from {} by someone else while we hold it; adding it back",
                        name(), vip.cidr(), interfaceName);
                addresses.add(name(), config.interfaceName(), List.of(vip));
                addresses.announce(name(), config.interfaceName(), List.of(vip), config.garp().masterRepeat());
            }
        }
    }

    /** A link came back: the kernel dropped IPv6 addresses when it went down, so re-add ours on it. */
    void linkUp(String interfaceName) {
        if (state.state() != VrrpState.MASTER) {
            return;
        }
        List<VirtualAddress> lost = new ArrayList<>();
        for (VirtualAddress vip : held) {
            if (vip.family() == AddressFamily.IPV6 && vip.deviceOr(config.interfaceName()).equals(interfaceName)) {
                lost.add(vip);
            }
        }
        if (!lost.isEmpty()) {
            log.info("({}) link {} is back: re-adding IPv6 VIPs {}", name(), interfaceName, lost);
            addresses.add(name(), config.interfaceName(), lost);
            addresses.announce(name(), config.interfaceName(), lost, config.garp().masterRepeat());
        }
    }

    private void afterStep() {
        timer.setDeadline(state.nextDeadline());
        if (pendingTransitions.isEmpty()) {
            return;
        }
        List<Pending> transitions = List.copyOf(pendingTransitions);
        pendingTransitions.clear();
        for (Pending t : transitions) {
            VrrpState from = t.from();
            VrrpState to = t.to();
            String reason = t.reason();
            notifications.accept(new StateTransition(
                    StateTransition.Scope.INSTANCE,
                    name(),
                    group == null ? Optional.empty() : Optional.of(group.name()),
                    from,
                    to,
                    state.priority(),
                    config.allAddresses(),
                    reason,
                    wallClock.instant()));
            if (group != null) {
                group.memberTransition(this, from, to, reason);
            }
        }
    }

    private Tracking.Result compute() {
        List<String> other = new ArrayList<>(2);
        if (!linkUp.getOrDefault(config.interfaceName(), false)) {
            other.add("interface " + config.interfaceName() + " down");
        }
        if (!channelProblem.isEmpty()) {
            other.add(channelProblem);
        }
        if (!vmacProblem.isEmpty()) {
            other.add(vmacProblem);
        }
        return Tracking.compute(config.priority(), checks, trackedInterfaces, linkUp, other);
    }

    // ---- AdvertListener (receive thread) ----

    @Override
    public void onAdvert(Advertisement advertisement, InetAddress source) {
        loop.execute(() -> received(advertisement, source));
    }

    @Override
    public void onVersionMismatch(InetAddress source, int version) {
        loop.execute(() -> {
            String peer = source.getHostAddress() + " (v" + version + ")";
            if (versionMismatches.add(peer)) {
                log.warn("({}) {} sends VRRPv{} adverts for VRID {} while we run v{}: both sides will be MASTER",
                        name(), source.getHostAddress(), version, config.virtualRouterId(), config.version());
            }
        });
    }

    // ---- VrrpActions (loop thread, inside a step) ----

    @Override
    public void sendAdvert(int priority) {
        if (channel == null) {
            return;
        }
        Advertisement advert = lastAdvert;
        if (advert == null || advert.priority() != priority) {
            advert = new Advertisement(
                    config.version(),
                    config.virtualRouterId(),
                    priority,
                    config.advertInt(),
                    advertisedAddresses,
                    config.version() == 2 ? config.authentication() : Authentication.NONE);
            lastAdvert = advert;
        }
        try {
            channel.send(advert);
            advertsSent++;
            sendFailureLogged = false;
        } catch (Exception e) {
            sendErrors++;
            if (!sendFailureLogged) {
                sendFailureLogged = true;
                log.error("({}) sending an advert failed: {}", name(), e.toString());
            }
        }
    }

    @Override
    public void addAddresses() {
        addresses.add(name(), config.interfaceName(), held);
    }

    @Override
    public void removeAddresses() {
        addresses.remove(name(), config.interfaceName(), held);
    }

    @Override
    public void announce(int repeat) {
        addresses.announce(name(), config.interfaceName(), held, repeat);
    }

    @Override
    public void reannounce(int repeat) {
        announce(repeat);
        if (group != null) {
            group.reannounceOthers(this, repeat);
        }
    }

    @Override
    public void transition(VrrpState from, VrrpState to, String reason) {
        lastWarning = "";
        log.info("({}) Entering {} STATE ({}), priority {}", name(), to, reason, state.priority());
        pendingTransitions.add(new Pending(from, to, reason));
    }

    @Override
    public void requestGroupMaster() {
        if (group != null) {
            loop.execute(() -> group.requestMaster());
        }
    }

    @Override
    public void warn(String message) {
        // the same warning on every advert (a looped interface, a misconfigured peer) is logged once
        // until the state changes
        if (!message.equals(lastWarning)) {
            lastWarning = message;
            log.warn("({}) {}", name(), message);
        }
    }

    // ---- status ----

    InstanceStatus status() {
        List<String> conditions = new ArrayList<>();
        if (state.fault()) {
            conditions.add("fault: " + state.faultReason());
        }
        versionMismatches.forEach(peer -> conditions.add("version_mismatch: " + peer));
        if (state.ownerConflict()) {
            conditions.add("owner_conflict: another router also has priority 255; ours is reduced to 254");
        }
        if (state.holdsAddresses() && state.state() != VrrpState.MASTER) {
            conditions.add("handover: holding VIPs until the new master is heard");
        }
        if (state.wantMaster()) {
            conditions.add("sync_group_wait: ready for MASTER, waiting for the group");
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("adverts_sent", advertsSent);
        counters.put("adverts_received", state.advertsReceived());
        counters.put("send_errors", sendErrors);
        counters.put("priority_zero_sent", state.priorityZeroSent());
        counters.put("priority_zero_received", state.priorityZeroReceived());
        counters.put("lower_priority_discarded", state.lowerPriorityDiscarded());
        counters.put("lower_priority_heard_as_master", state.lowerPriorityHeardAsMaster());
        counters.put("became_master", state.becameMaster());
        counters.put("vips_restored", vipsRestored);
        if (channel != null) {
            try {
                channel.counters().forEach((k, v) -> counters.put("channel_" + k, v));
            } catch (RuntimeException e) {
                // counters are best effort
            }
        }
        return new InstanceStatus(
                name(),
                config.interfaceName(),
                config.virtualRouterId(),
                config.version(),
                config.allAddresses(),
                state.state(),
                config.priority(),
                state.priority(),
                state.masterAddress(),
                state.masterPriority(),
                Duration.ofNanos(state.masterAdverIntervalNanos()),
                state.holdsAddresses(),
                conditions,
                counters);
    }

    private record Pending(VrrpState from, VrrpState to, String reason) {}

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (RuntimeException e) {
                log.warn("({}) closing the channel failed: {}", name(), e.toString());
            }
            channel = null;
        }
    }
}
