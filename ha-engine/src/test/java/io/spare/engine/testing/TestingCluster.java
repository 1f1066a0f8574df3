package io.spare.engine.testing;

import io.spare.api.HealthCheck;
import io.spare.api.VrrpState;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.notify.NotifierRoute;
import io.spare.engine.runtime.Engine;
import io.spare.engine.runtime.EngineExecutors;
import io.spare.engine.runtime.EnginePorts;
import io.spare.engine.runtime.InstanceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Several engines in one JVM on one {@link TestingEventLoop} and one {@link TestingNetwork}, each
 * with its own binder (sharing one ledger), link monitor, checks and a {@link RecordingNotifier}.
 * Everything runs on the test thread: address changes, checks and notifiers run inline, so every
 * recorded time is exact.
 */
public final class TestingCluster implements AutoCloseable {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "testing-notify-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final TestingEventLoop loop = new TestingEventLoop();
    private final TestingNetwork network = new TestingNetwork(loop);
    private final TestingAddressBinder.Ledger ledger = new TestingAddressBinder.Ledger();
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** Executors that run everything inline on the caller (the loop), for deterministic tests. */
    public static EngineExecutors inlineExecutors() {
        return new EngineExecutors(Runnable::run, Runnable::run, Runnable::run, WATCHDOG, List.of());
    }

    public TestingEventLoop loop() {
        return loop;
    }

    public TestingNetwork network() {
        return network;
    }

    public TestingAddressBinder.Ledger ledger() {
        return ledger;
    }

    /** The nodes in the order they were added. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public long now() {
        return loop.nanos();
    }

    /** Adds a node; {@code checks} must cover every check in the config. Not started yet. */
    public Node node(String name, String address, SpareConfig config, Map<String, ? extends HealthCheck> checks) {
        return node(name, address, config, checks, inlineExecutors());
    }

    public Node node(String name, String address, SpareConfig config, Map<String, ? extends HealthCheck> checks,
            EngineExecutors executors) {
        return node(name, address, config, checks, executors, List.of());
    }

    /** A node with more notifier routes after its {@link RecordingNotifier}. */
    public Node node(String name, String address, SpareConfig config, Map<String, ? extends HealthCheck> checks,
            EngineExecutors executors, List<NotifierRoute> extraRoutes) {
        RecordingNotifier notifier = new RecordingNotifier();
        TestingLinkMonitor links = new TestingLinkMonitor();
        TestingAddressBinder binder = new TestingAddressBinder(name, loop.ticker(), ledger);
        List<NotifierRoute> routes = new ArrayList<>();
        routes.add(new NotifierRoute("recording", notifier, Set.of()));
        routes.addAll(extraRoutes);
        EnginePorts ports = new EnginePorts(network.transport(name, TestingConfigs.ip(address)), binder, links,
                Map.copyOf(checks), routes);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Engine engine = new Engine(config, ports, loop, executors, clock);
        Node node = new Node(name, engine, binder, links, notifier);
        nodes.put(name, node);
        return node;
    }

    public Node node(String name, String address, SpareConfig config) {
        return node(name, address, config, Map.of());
    }

    /** Starts every node at the current time and runs every task and timer due now. */
    public void startAll() {
        nodes.values().forEach(n -> n.engine().start());
        loop.advance(Duration.ZERO);
    }

    public void advance(Duration d) {
        loop.advance(d);
    }

    @Override
    public void close() {
        nodes.values().forEach(n -> n.engine().close());
    }

    /** One engine and its fakes. */
    public record Node(String name, Engine engine, TestingAddressBinder binder, TestingLinkMonitor links,
            RecordingNotifier notifier) {
        public InstanceStatus status(String instance) {
            return engine.status().instance(instance);
        }

        public VrrpState state(String instance) {
            return status(instance).state();
        }

        public int priority(String instance) {
            return status(instance).effectivePriority();
        }
    }
}
