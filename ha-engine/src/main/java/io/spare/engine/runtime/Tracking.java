package io.spare.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Effective priority and fault, as keepalived computes them from tracked checks and interfaces.
 *
 * <ul>
 *   <li>A check with positive weight adds it while OK; a negative weight subtracts while FAILED; a
 *       failing weight-0 check is a fault. A numeric result adds {@code value × weight} (weight 0: a
 *       non-zero value is a fault).
 *   <li>A tracked interface: weight 0 down is a fault; otherwise the same sign rule as checks.
 *   <li>The result is clamped to 1..254. An address owner (255) keeps 255 whatever the weights
 *       (keepalived's {@code vrrp_set_effective_priority} never moves an owner); faults still apply.
 * </ul>
 */
final class Tracking {
    record Result(int priority, List<String> faults) {}

    private Tracking() {}

    static Result compute(
            int basePriority,
            List<TrackedCheckBinding> checks,
            Map<String, Integer> trackedInterfaces,
            Map<String, Boolean> linkUp,
            List<String> otherFaults) {
        int offset = 0;
        List<String> faults = new ArrayList<>(otherFaults);
        for (TrackedCheckBinding binding : checks) {
            int weight = binding.weight();
            String name = binding.check().name();
            if (binding.check().value().isPresent()) {
                int value = binding.check().value().getAsInt();
                if (weight == 0) {
                    if (value != 0) {
                        faults.add("check " + name + " reports " + value);
                    }
                } else {
                    offset += value * weight;
                }
                continue;
            }
            boolean ok = binding.check().ok();
            if (weight == 0) {
                if (!ok) {
                    faults.add("check " + name + " failed");
                }
            } else if (weight > 0 && ok) {
                offset += weight;
            } else if (weight < 0 && !ok) {
                offset += weight;
            }
        }
        for (Map.Entry<String, Integer> tracked : trackedInterfaces.entrySet()) {
            boolean up = linkUp.getOrDefault(tracked.getKey(), false);
            int weight = tracked.getValue();
            if (weight == 0) {
                if (!up) {
                    faults.add("tracked interface " + tracked.getKey() + " down");
                }
            } else if (weight > 0 && up) {
                offset += weight;
            } else if (weight < 0 && !up) {
                offset += weight;
            }
        }
        int priority = basePriority == 255 ? 255 : Math.max(1, Math.min(254, basePriority + offset));
        return new Result(priority, List.copyOf(faults));
    }
}
