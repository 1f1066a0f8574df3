package io.spare.cli.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.spare.api.VrrpState;
import io.spare.engine.check.CheckStatus;
import io.spare.engine.notify.NotifierStatus;
import io.spare.engine.runtime.EngineStatus;
import io.spare.engine.runtime.InstanceStatus;
import io.spare.engine.runtime.SyncGroupStatus;
import io.spare.vrrp.codec.DropReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The daemon's status as Prometheus metrics, taken afresh at every scrape (one snapshot of the
 * event loop, like {@code spare status}); nothing is kept between scrapes. Names and labels are in
 * docs/STATUS.md.
 */
public final class StatusMetrics implements MultiCollector {
    private static final String CHANNEL = "channel_";
    private static final String INTERFACE = CHANNEL + "interface.";
    private static final Set<String> DROP_REASONS =
            Arrays.stream(DropReason.values()).map(DropReason::counterName).collect(Collectors.toUnmodifiableSet());
    private static final String[] STATES = Arrays.stream(VrrpState.values()).map(Enum::name).toArray(String[]::new);

    private final Supplier<EngineStatus> status;

    public StatusMetrics(Supplier<EngineStatus> status) {
        this.status = requireNonNull(status, "status");
    }

    @Override
    public MetricSnapshots collect() {
        EngineStatus now = status.get();
        List<MetricSnapshot> all = new ArrayList<>();
        instances(now.instances(), all);
        syncGroups(now.syncGroups(), all);
        checks(now.checks(), all);
        notifiers(now.notifiers(), all);
        return new MetricSnapshots(all);
    }

    private static void instances(List<InstanceStatus> instances, List<MetricSnapshot> all) {
        StateSetSnapshot.Builder state = StateSetSnapshot.builder().name("spare_vrrp_state")
                .help("The instance's VRRP state");
        Families families = new Families();
        // the interface's shared socket counts what it cannot give to an instance once for all of them
        Map<String, Map<String, Long>> unattributed = new TreeMap<>();
        for (InstanceStatus i : instances) {
            Labels labels = Labels.of("instance", i.name(), "interface", i.interfaceName(), "vrid", Integer.toString(i.virtualRouterId()));
            state.dataPoint(statePoint(labels, i.state()));
            families.gauge("spare_vrrp_priority", "Effective priority, after tracked checks and interfaces", labels, i.effectivePriority());
            families.gauge("spare_vrrp_configured_priority", "Priority as configured", labels, i.basePriority());
            families.gauge("spare_vrrp_holds_vips", "1 while this host holds the instance's VIPs", labels, i.holdsAddresses() ? 1 : 0);
            families.gauge("spare_vrrp_advert_interval_seconds", "Advert interval in force (v3 BACKUP: the master's)", labels,
                    i.masterAdverInterval().toNanos() / 1e9);
            i.masterAddress().ifPresent(master -> families.gauge("spare_vrrp_master_priority",
                    "Priority of the master this BACKUP last accepted", labels.add("master", master.getHostAddress()), i.masterPriority()));
            for (String condition : i.conditions()) {
                int colon = condition.indexOf(':');
                families.gauge("spare_vrrp_condition", "1 for each condition an operator should act on (fault, version_mismatch, ...)",
                        labels.add("condition", colon < 0 ? condition : condition.substring(0, colon)), 1);
            }
            Map<String, Long> c = i.counters();
            families.counter("spare_vrrp_adverts_sent", "Adverts sent", labels, c.get("adverts_sent"));
            families.counter("spare_vrrp_adverts_received", "Adverts taken by the state machine", labels, c.get("adverts_received"));
            families.counter("spare_vrrp_send_errors", "Adverts the kernel refused to send", labels, c.get("send_errors"));
            families.counter("spare_vrrp_became_master", "Times the instance became MASTER", labels, c.get("became_master"));
            families.counter("spare_vrrp_priority_zero_sent", "Priority-0 adverts sent (stepping down)", labels, c.get("priority_zero_sent"));
            families.counter("spare_vrrp_priority_zero_received", "Priority-0 adverts heard from the master", labels, c.get("priority_zero_received"));
            families.counter("spare_vrrp_vips_restored", "VIPs put back after someone else removed them", labels, c.get("vips_restored"));
            for (Map.Entry<String, Long> counter : new TreeMap<>(c).entrySet()) {
                String name = counter.getKey();
                if (name.startsWith(INTERFACE)) {
                    unattributed.computeIfAbsent(i.interfaceName(), k -> new TreeMap<>())
                            .merge(name.substring(INTERFACE.length()), counter.getValue(), Math::max);
                } else if (name.startsWith(CHANNEL) && DROP_REASONS.contains(name.substring(CHANNEL.length()))) {
                    families.counter("spare_vrrp_adverts_dropped", "Packets for this instance dropped, per reason", labels.add("reason",
                            name.substring(CHANNEL.length())), counter.getValue());
                } else if (name.equals("channel_address_list_mismatch") || name.equals("channel_interval_mismatch")) {
                    families.counter("spare_vrrp_adverts_mismatched", "Adverts accepted although their address list or interval differs from ours",
                            labels.add("mismatch", name.substring(CHANNEL.length(), name.length() - "_mismatch".length())), counter.getValue());
                }
            }
        }
        unattributed.forEach((iface, reasons) -> reasons.forEach((reason, value) -> families.counter("spare_vrrp_interface_dropped",
                "Packets an interface's VRRP socket could not give to any instance, per reason",
                Labels.of("interface", iface, "reason", reason), value)));
        if (!instances.isEmpty()) {
            all.add(state.build());
        }
        families.into(all);
    }

    private static void syncGroups(List<SyncGroupStatus> groups, List<MetricSnapshot> all) {
        if (groups.isEmpty()) {
            return;
        }
        StateSetSnapshot.Builder state = StateSetSnapshot.builder().name("spare_sync_group_state").help("The sync group's state");
        for (SyncGroupStatus g : groups) {
            state.dataPoint(statePoint(Labels.of("group", g.name()), g.state()));
        }
        all.add(state.build());
    }

    /** Every VRRP state, with {@code current} the one set. */
    private static StateSetDataPointSnapshot statePoint(Labels labels, VrrpState current) {
        StateSetDataPointSnapshot.Builder point = StateSetDataPointSnapshot.builder().labels(labels);
        for (String s : STATES) {
            point.state(s, s.equals(current.name()));
        }
        return point.build();
    }

    private static void checks(List<CheckStatus> checks, List<MetricSnapshot> all) {
        Families families = new Families();
        for (CheckStatus c : checks) {
            Labels labels = Labels.of("check", c.name());
            families.gauge("spare_check_ok", "1 while the check passes (after rise/fall)", labels, c.ok() ? 1 : 0);
            c.value().ifPresent(v -> families.gauge("spare_check_value", "The check's last numeric result", labels, v));
            families.gauge("spare_check_last_duration_seconds", "How long the last run took", labels, c.lastDuration().toNanos() / 1e9);
            families.counter("spare_check_runs", "Completed runs, timeouts included", labels, c.runs());
            families.counter("spare_check_failures", "Runs that failed, timeouts included", labels, c.failures());
            families.counter("spare_check_timeouts", "Runs interrupted at the timeout", labels, c.timeouts());
            families.counter("spare_check_skipped", "Runs not started because the previous one had not returned", labels, c.skipped());
        }
        families.into(all);
    }

    private static void notifiers(List<NotifierStatus> notifiers, List<MetricSnapshot> all) {
        Families families = new Families();
        for (NotifierStatus n : notifiers) {
            Labels labels = Labels.of("notifier", n.name());
            families.counter("spare_notify_delivered", "Notifications delivered", labels, n.delivered());
            families.counter("spare_notify_failed", "Notifications that failed", labels, n.failed());
            families.counter("spare_notify_timed_out", "Notifications interrupted at the notifier's timeout", labels, n.timedOut());
            families.counter("spare_notify_dropped", "Notifications dropped because the queue was full", labels, n.dropped());
            families.gauge("spare_notify_queued", "Notifications waiting now", labels, n.queued());
        }
        families.into(all);
    }

    /**
     * Gauge and counter families by name, each in the order first added; the gauges come out
     * before the counters. Counter names are without {@code _total}, which the exposition adds.
     */
    private static final class Families {
        private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();

        void gauge(String name, String help, Labels labels, double value) {
            gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        void counter(String name, String help, Labels labels, Long value) {
            counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                    .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value == null ? 0 : value).build());
        }

        void into(List<MetricSnapshot> all) {
            gauges.values().forEach(b -> all.add(b.build()));
            counters.values().forEach(b -> all.add(b.build()));
        }
    }
}
