package io.spare.cli.it;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a node of a failover lab runs: its priority, whether it preempts, and the maintenance file
 * whose existence lowers its priority by {@link #MAINTENANCE_WEIGHT} (checked every
 * {@code checkInterval}).
 */
record NodeSpec(String host, int priority, boolean nopreempt, Path maintenanceFile, Duration checkInterval) {
    static final int MAINTENANCE_WEIGHT = -20;

    NodeSpec withNopreempt(boolean value) {
        return new NodeSpec(host, priority, value, maintenanceFile, checkInterval);
    }
}
