package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressFamily;
import io.spare.api.HealthCheck;
import io.spare.api.InterfaceInfo;
import io.spare.api.LinkListener;
import io.spare.api.StateTransition;
import io.spare.api.VrrpChannel;
import io.spare.engine.check.CheckScheduler;
import io.spare.engine.check.ScheduledCheck;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.config.SyncGroupConfig;
import io.spare.engine.config.TrackedCheck;
import io.spare.engine.loop.EventLoop;
import io.spare.engine.loop.LoopTimer;
import io.spare.engine.notify.NotifyDispatcher;
import io.spare.engine.vrrp.InstanceSpec;
import io.spare.engine.vrrp.VrrpTimers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The VRRP runtime: every instance's state machine on one event loop, driven by adverts, timers,
 * checks and link events, acting through the ports. Built from a validated {@link SpareConfig}.
 *
 * <p>Lifecycle: {@link #start()} opens the channels, reads the interfaces, starts the link monitor
 * and the checks, and (after {@code vrrp_startup_delay}) starts every instance in BACKUP or FAULT.
 * {@link #stop()} makes every MASTER send priority 0 and hand its VIPs over (see {@link
 * io.spare.engine.vrrp.VrrpStateMachine}), notifies STOP, and returns when all is released or a
 * bound has passed.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LogManager.getLogger(Engine.class);
    /** Time given to the address worker and notifiers after the last VIP is released. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(2);
    /** Instances whose status one loop task takes (about 0.1 to 0.2 ms once warm). */
    static final int STATUS_SLICE = 100;

    private final SpareConfig config;
    private final EnginePorts ports;
    private final EventLoop loop;
    private final EngineExecutors executors;
    private final Clock wallClock;
    private final AddressWorker addressWorker;
    private final NotifyDispatcher notify;
    private final CheckScheduler checks;
    private final Map<String, Boolean> linkUp = new HashMap<>();
    /**
     * Instances whose channel is being opened again right now, each with whether an event since
     * asks for one more try (loop thread).
     */
    private final Map<InstanceRuntime, Boolean> reopening = new HashMap<>();
    private final Map<String, InstanceRuntime> instances = new LinkedHashMap<>();
    private final Map<String, SyncGroupRuntime> groups = new LinkedHashMap<>();
    private volatile CompletableFuture<Void> stopping;
    private LoopTimer startupTimer;
    private volatile boolean started;

    /** Production: own address worker and notify threads around the given check workers. */
    public Engine(SpareConfig config, EnginePorts ports, EventLoop loop, Executor checkWorkers, Clock wallClock) {
        this(config, ports, loop, EngineExecutors.production(checkWorkers), wallClock);
    }

    public Engine(SpareConfig config, EnginePorts ports, EventLoop loop, EngineExecutors executors, Clock wallClock) {
        this.config = requireNonNull(config, "config");
        this.ports = requireNonNull(ports, "ports");
        this.loop = requireNonNull(loop, "loop");
        this.executors = requireNonNull(executors, "executors");
        this.wallClock = requireNonNull(wallClock, "wallClock");
        this.addressWorker = new AddressWorker(executors.addressWorker(), ports.binder());
        this.notify = new NotifyDispatcher(
                ports.notifiers(), executors.notifyPool(), executors.notifyWatchdog(), NotifyDispatcher.DEFAULT_QUEUE_CAPACITY);
        this.checks = new CheckScheduler(loop, executors.checkWorkers());
        build();
    }

    private void build() {
        List<String> problems = new ArrayList<>();
        Map<String, ScheduledCheck> scheduled = new HashMap<>();
        for (CheckConfig check : config.checks().values()) {
            HealthCheck port = ports.checks().get(check.name());
            if (port == null) {
                problems.add("checks." + check.name() + ": no HealthCheck was created for it");
                continue;
            }
            scheduled.put(check.name(), checks.add(check, port));
        }
        Map<String, String> groupOf = new HashMap<>();
        for (SyncGroupConfig group : config.syncGroups().values()) {
            for (String member : group.group()) {
                if (!config.instances().containsKey(member)) {
                    problems.add("sync_groups." + group.name() + ".group: no instance " + member);
                } else if (groupOf.putIfAbsent(member, group.name()) != null) {
                    problems.add("sync_groups." + group.name() + ".group: " + member + " is already in sync group "
                            + groupOf.get(member));
                }
            }
        }
        java.util.function.Consumer<StateTransition> notifications = notify::dispatch;
        for (InstanceConfig instance : config.instances().values()) {
            List<TrackedCheckBinding> tracked = new ArrayList<>();
            for (TrackedCheck t : instance.trackScript()) {
                ScheduledCheck check = scheduled.get(t.name());
                if (check == null) {
                    problems.add("instances." + instance.name() + ".track_script: no check " + t.name());
                    continue;
                }
                tracked.add(new TrackedCheckBinding(check, t.weight().orElse(check.config().weight())));
            }
            InstanceSpec spec = InstanceRuntime.specOf(instance, Optional.ofNullable(groupOf.get(instance.name())));
            instances.put(instance.name(), new InstanceRuntime(
                    instance, spec, loop, addressWorker, notifications, wallClock, tracked, linkUp));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot build the VRRP engine:\n  " + String.join("\n  ", problems));
        }
        for (SyncGroupConfig group : config.syncGroups().values()) {
            List<InstanceRuntime> members = new ArrayList<>();
            group.group().forEach(m -> members.add(instances.get(m)));
            SyncGroupRuntime runtime = new SyncGroupRuntime(group, members, notifications, wallClock);
            members.forEach(m -> m.joinGroup(runtime));
            groups.put(group.name(), runtime);
        }
        for (InstanceRuntime instance : instances.values()) {
            for (TrackedCheckBinding binding : instance.trackedChecks()) {
                binding.check().addListener(instance::refreshTracking);
            }
        }
    }

    /**
     * Reads the interfaces, opens a channel per instance, starts the link monitor and the checks,
     * then starts the instances after {@code vrrp_startup_delay}. Blocking I/O happens here, on the
     * caller's thread; the loop only receives the results. An instance whose channel cannot be
     * opened stays in FAULT with the reason in its status, and is retried when its link comes up.
     */
    public void start() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("engine already started");
            }
            started = true;
        }
        // The monitor starts first so that no change between reading a link and listening is lost;
        // a change it reports wins over the (older or equal) value read below.
        try {
            ports.linkMonitor().start(new LinkEvents());
        } catch (Exception e) {
            log.error("the link monitor did not start: link and address changes will go unnoticed: {}", e.toString());
        }
        Map<String, Boolean> links = new HashMap<>();
        for (InstanceRuntime instance : instances.values()) {
            readLink(links, instance.config().interfaceName());
            instance.config().trackInterface().forEach(t -> readLink(links, t.name()));
        }
        Map<InstanceRuntime, String[]> vmacs = new LinkedHashMap<>();
        for (InstanceRuntime instance : instances.values()) {
            if (instance.config().useVmac()) {
                vmacs.put(instance, createVmac(instance));
            }
        }
        Map<InstanceRuntime, Object> opened = new LinkedHashMap<>();
        for (InstanceRuntime instance : instances.values()) {
            opened.put(instance, openChannel(instance));
        }
        loop.execute(() -> {
            links.forEach(linkUp::putIfAbsent);
            vmacs.forEach((instance, result) -> instance.vmacReady(result[0], result[1]));
            opened.forEach((instance, result) -> {
                if (result instanceof VrrpChannel channel) {
                    instance.channelOpened(channel, "");
                } else {
                    instance.channelOpened(null, (String) result);
                }
            });
            checks.start();
            long delay = config.global().vrrpStartupDelay().toNanos();
            if (delay > 0) {
                log.info("delaying VRRP startup by {}", config.global().vrrpStartupDelay());
                instances.values().forEach(InstanceRuntime::releaseLeftovers);
                startupTimer = loop.newTimer(this::startInstances);
                startupTimer.setDeadline(loop.nanoTime() + delay);
            } else {
                startInstances();
            }
        });
    }

    private void startInstances() {
        if (stopping != null) {
            return;
        }
        instances.values().forEach(InstanceRuntime::start);
    }

    private void readLink(Map<String, Boolean> links, String name) {
        if (links.containsKey(name)) {
            return;
        }
        try {
            Optional<InterfaceInfo> info = ports.linkMonitor().lookup(name);
            if (info.isEmpty()) {
                log.warn("interface {} does not exist: instances on it stay in FAULT until it appears", name);
            }
            links.put(name, info.map(InterfaceInfo::up).orElse(false));
        } catch (Exception e) {
            log.error("reading interface {} failed: {}", name, e.toString());
            links.put(name, false);
        }
    }

    /**
     * {@code use_vmac}: the VIPs (those without a device of their own) go on a macvlan with the VRRP
     * virtual MAC, so that they keep their MAC across a failover. Adverts still use the instance's
     * interface (the transport's channel).
     *
     * @return {name, ""} or {null, problem}
     */
    private String[] createVmac(InstanceRuntime instance) {
        InstanceConfig c = instance.config();
        try {
            String name = ports.binder().createVmac(c.interfaceName(), instance.vmacName(), c.virtualRouterId(), c.family());
            log.info("({}) VMAC interface {} ready", c.name(), name);
            return new String[] {name, ""};
        } catch (Exception e) {
            log.error("({}) cannot create the VMAC interface {} on {}: {}", c.name(), instance.vmacName(),
                    c.interfaceName(), e.toString());
            return new String[] {null, "vmac " + instance.vmacName() + ": " + e.getMessage()};
        }
    }

    /** @return the channel, or a problem message */
    private Object openChannel(InstanceRuntime instance) {
        try {
            return ports.transport().open(instance.channelSpec(), instance);
        } catch (Exception e) {
            log.error("({}) cannot open the VRRP channel on {}: {}", instance.name(), instance.config().interfaceName(),
                    e.getMessage());
            return "channel on " + instance.config().interfaceName() + ": " + e.getMessage();
        }
    }

    /** Link events arrive on the monitor's thread: enqueue only. */
    private final class LinkEvents implements LinkListener {
        @Override
        public void onLinkChanged(String interfaceName, boolean up) {
            loop.execute(() -> linkChanged(interfaceName, up));
        }

        @Override
        public void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength) {
            loop.execute(() -> instances.values().forEach(i -> i.addressRemoved(interfaceName, address)));
        }

        @Override
        public void onAddressAdded(String interfaceName, InetAddress address, int prefixLength) {
            AddressFamily family = address instanceof Inet6Address ? AddressFamily.IPV6 : AddressFamily.IPV4;
            loop.execute(() -> addressAdded(interfaceName, family));
        }
    }

    /**
     * A channel that could not open for want of a source address (an IPv6 link-local address still
     * under duplicate address detection at boot, or after the link came back) opens once one of its
     * family arrives, as keepalived leaves its "no source IP" fault.
     */
    private void addressAdded(String interfaceName, AddressFamily family) {
        for (InstanceRuntime instance : instances.values()) {
            InstanceConfig c = instance.config();
            if (c.interfaceName().equals(interfaceName) && c.family() == family) {
                reopen(instance);
            }
        }
    }

    private void linkChanged(String interfaceName, boolean up) {
        Boolean was = linkUp.put(interfaceName, up);
        if (was != null && was == up) {
            return;
        }
        log.info("link {} is {}", interfaceName, up ? "up" : "down");
        for (InstanceRuntime instance : instances.values()) {
            if (up && instance.config().interfaceName().equals(interfaceName)) {
                reopen(instance);
            }
            if (instance.usesInterface(interfaceName)) {
                instance.refreshTracking();
            }
            if (up) {
                instance.linkUp(interfaceName);
            }
        }
    }

    /**
     * Retries the channel of an instance whose channel failed, off the loop (opening is I/O); does
     * nothing for others, or while stopping. One try at a time, however many events arrive
     * meanwhile (a MASTER on the same interface may add hundreds of addresses); an event during a
     * try that then fails earns one more, since the try may have looked too early.
     */
    private void reopen(InstanceRuntime instance) {
        if (stopping != null || !instance.channelFailed()) {
            return;
        }
        if (reopening.containsKey(instance)) {
            reopening.put(instance, true);
            return;
        }
        reopening.put(instance, false);
        executors.addressWorker().execute(() -> {
            Object result = openChannel(instance);
            loop.execute(() -> {
                boolean again = reopening.remove(instance);
                if (result instanceof VrrpChannel channel) {
                    if (stopping != null || !instance.channelFailed()) {
                        channel.close();
                        return;
                    }
                    log.info("({}) VRRP channel open", instance.name());
                    instance.channelOpened(channel, "");
                } else {
                    instance.channelOpened(null, (String) result);
                    if (again) {
                        reopen(instance);
                    }
                }
            });
        });
    }

    /**
     * Starts a graceful stop on the loop: every MASTER sends priority 0 and hands over, everyone
     * notifies STOP. Completes when every VIP is released and the address worker and notifiers have
     * caught up.
     */
    public CompletableFuture<Void> beginStop() {
        CompletableFuture<Void> released = new CompletableFuture<>();
        synchronized (this) {
            if (stopping != null) {
                return stopping;
            }
            stopping = released;
        }
        loop.execute(() -> {
            if (startupTimer != null) {
                startupTimer.cancel();
            }
            checks.stop();
            instances.values().forEach(InstanceRuntime::stop);
            awaitReleased(released);
        });
        return released.thenCompose(ignored -> addressWorker.drained())
                .thenCompose(ignored -> notify.drained())
                .whenComplete((ignored, error) -> loop.execute(() -> instances.values().forEach(InstanceRuntime::closeChannel)));
    }

    /** On the loop, once every VIP is released: the VMAC interfaces go, on the address worker. */
    private void deleteVmacs() {
        for (InstanceRuntime instance : instances.values()) {
            instance.vmacInterface().ifPresent(name -> executors.addressWorker().execute(() -> {
                try {
                    ports.binder().deleteVmac(name);
                } catch (Exception e) {
                    log.warn("({}) removing the VMAC interface {} failed: {}", instance.name(), name, e.toString());
                }
            }));
        }
    }

    private void awaitReleased(CompletableFuture<Void> released) {
        boolean all = instances.values().stream().allMatch(i -> i.state().finished());
        if (all) {
            deleteVmacs();
            released.complete(null);
            return;
        }
        // Poll on the loop's own timers: releases happen on instance timers or adverts.
        LoopTimer again = loop.newTimer(() -> awaitReleased(released));
        again.setDeadline(loop.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
    }

    /** The longest a graceful stop may take: the slowest handover bound plus a margin. */
    public Duration stopBound() {
        long worst = 0;
        for (InstanceRuntime instance : instances.values()) {
            InstanceConfig c = instance.config();
            worst = Math.max(worst, VrrpTimers.masterDownNanos(c.version(), Math.min(c.priority(), 255),
                    c.advertInt().toNanos(), c.downTimerAdverts()));
        }
        return Duration.ofNanos(worst).plus(InstanceSpec.HANDOVER_GRACE).plus(STOP_MARGIN);
    }

    /**
     * Graceful stop; blocks until done or {@link #stopBound()} has passed. Called on the loop thread
     * itself (or a test's driving thread) it only begins the stop: waiting there would deadlock.
     */
    public void stop() {
        CompletableFuture<Void> done = beginStop();
        if (loop.inLoop()) {
            return;
        }
        try {
            done.get(stopBound().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("graceful stop did not finish within {}; going on", stopBound());
        } catch (ExecutionException e) {
            log.warn("graceful stop failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A snapshot of every instance, group, check and notifier. From any thread; from another one it
     * is taken in slices of {@link #STATUS_SLICE} instances, each a task of its own, so that due
     * timers (adverts to send) run between them: 1000 instances take 2 to 13 ms on the loop in all.
     */
    public EngineStatus status() {
        if (loop.inLoop()) {
            return snapshot();
        }
        CompletableFuture<EngineStatus> result = new CompletableFuture<>();
        loop.execute(() -> new SlicedSnapshot(result).next());
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the status", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the event loop did not answer the status request", e);
        }
    }

    private EngineStatus snapshot() {
        List<InstanceStatus> all = new ArrayList<>();
        instances.values().forEach(i -> all.add(i.status()));
        return rest(all);
    }

    private EngineStatus rest(List<InstanceStatus> instanceStatus) {
        List<SyncGroupStatus> groupStatus = new ArrayList<>();
        groups.values().forEach(g -> groupStatus.add(g.status()));
        return new EngineStatus(wallClock.instant(), instanceStatus, groupStatus, checks.status(), notify.status());
    }

    /** {@link #status()} from another thread: one slice of instances per loop task. */
    private final class SlicedSnapshot {
        private final CompletableFuture<EngineStatus> result;
        private final List<InstanceRuntime> pending = new ArrayList<>(instances.values());
        private final List<InstanceStatus> done = new ArrayList<>(pending.size());

        SlicedSnapshot(CompletableFuture<EngineStatus> result) {
            this.result = result;
        }

        void next() {
            try {
                int end = Math.min(pending.size(), done.size() + STATUS_SLICE);
                for (int i = done.size(); i < end; i++) {
                    done.add(pending.get(i).status());
                }
                if (done.size() < pending.size()) {
                    loop.execute(this::next);
                } else {
                    result.complete(rest(done));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** Stops (if not yet) and shuts down the threads the engine created. Does not close the ports or notifiers. */
    @Override
    public void close() {
        if (started) {
            stop();
        }
        for (ExecutorService owned : executors.owned()) {
            owned.shutdownNow();
        }
    }
}
