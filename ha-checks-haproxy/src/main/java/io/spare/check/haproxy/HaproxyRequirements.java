package io.spare.check.haproxy;

import io.spare.api.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The conditions one check demands of a snapshot. All must hold; a failure message lists every one
 * that does not, each with its numbers ({@code backend web: 0/2 servers UP, need 1}).
 */
final class HaproxyRequirements {
    private final List<String> frontends;
    private final Map<String, BackendRequirement> backends;
    private final boolean failIfStopping;

    HaproxyRequirements(List<String> frontends, Map<String, BackendRequirement> backends, boolean failIfStopping) {
        this.frontends = List.copyOf(frontends);
        this.backends = new LinkedHashMap<>(backends);
        this.failIfStopping = failIfStopping;
    }

    CheckResult evaluate(HaproxySnapshot snapshot) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        Optional<ShowInfo> info = snapshot.info();
        if (failIfStopping && info.isPresent() && info.get().stopping()) {
            failures.add("haproxy: stopping (soft stop in progress)");
        }
        for (String name : frontends) {
            Optional<StatsRow> row = find(snapshot, name, RowType.FRONTEND);
            if (row.isEmpty()) {
                failures.add("frontend " + name + " not found (have: " + names(snapshot, RowType.FRONTEND) + ")");
            } else if (!row.get().status().trim().equals("OPEN")) {
                failures.add("frontend " + name + ": " + row.get().status() + ", need OPEN");
            } else {
                passes.add("frontend " + name + " OPEN");
            }
        }
        for (Map.Entry<String, BackendRequirement> entry : backends.entrySet()) {
            checkBackend(snapshot, entry.getKey(), entry.getValue(), failures, passes);
        }
        if (!failures.isEmpty()) {
            return CheckResult.failed(String.join("; ", failures));
        }
        String prefix = info.map(i -> "haproxy " + i.version() + " answers").orElse("haproxy stats page answers");
        return CheckResult.passed(passes.isEmpty() ? prefix : prefix + "; " + String.join("; ", passes));
    }

    private static void checkBackend(
            HaproxySnapshot snapshot, String name, BackendRequirement rule, List<String> failures, List<String> passes) {
        Optional<StatsRow> backend = find(snapshot, name, RowType.BACKEND);
        if (backend.isEmpty()) {
            failures.add("backend " + name + " not found (have: " + names(snapshot, RowType.BACKEND) + ")");
            return;
        }
        int total = 0;
        int up = 0;
        for (StatsRow row : snapshot.rows()) {
            if (row.type() == RowType.SERVER && row.proxy().equals(name) && (rule.countBackup() || !row.backup())) {
                total++;
                if (row.serving()) {
                    up++;
                }
            }
        }
        boolean ok = true;
        String counted = "backend " + name + ": " + up + "/" + total + " servers UP";
        if (rule.minUp() != null && up < rule.minUp()) {
            failures.add(counted + ", need " + rule.minUp());
            ok = false;
        }
        if (rule.minUpPercent() != null && (total == 0 || up * 100L < (long) rule.minUpPercent() * total)) {
            int percent = total == 0 ? 0 : (int) (up * 100L / total);
            failures.add(counted + " (" + percent + "%), need " + rule.minUpPercent() + "%");
            ok = false;
        }
        if (rule.maxSessions() != null) {
            long sessions = backend.get().currentSessions();
            if (sessions >= rule.maxSessions()) {
                failures.add("backend " + name + ": " + sessions + " current sessions, need fewer than " + rule.maxSessions());
                ok = false;
            }
        }
        if (ok) {
            passes.add(counted);
        }
    }

    private static Optional<StatsRow> find(HaproxySnapshot snapshot, String proxy, RowType type) {
        return snapshot.rows().stream().filter(r -> r.type() == type && r.proxy().equals(proxy)).findFirst();
    }

    private static String names(HaproxySnapshot snapshot, RowType type) {
        TreeSet<String> names = new TreeSet<>();
        snapshot.rows().stream().filter(r -> r.type() == type).forEach(r -> names.add(r.proxy()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
