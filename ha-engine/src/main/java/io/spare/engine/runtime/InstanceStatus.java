package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance as {@code spare status} shows it.
 *
 * @param name the instance name
 * @param interfaceName the interface its adverts use
 * @param virtualRouterId its VRID
 * @param version the VRRP version it speaks (2 or 3)
 * @param virtualAddresses the VIPs it holds as MASTER
 * @param state its state
 * @param basePriority the configured priority
 * @param effectivePriority after tracked checks and interfaces
 * @param masterAddress the master we last accepted (BACKUP)
 * @param masterPriority its priority
 * @param masterAdverInterval the interval in force (v3: the master's)
 * @param holdsAddresses whether the VIPs are on this host
 * @param conditions things an operator should know: {@code fault: ...}, {@code version_mismatch: ...}
 * @param counters adverts, transitions and channel counters
 */
public record InstanceStatus(
        String name,
        String interfaceName,
        int virtualRouterId,
        int version,
        List<VirtualAddress> virtualAddresses,
        VrrpState state,
        int basePriority,
        int effectivePriority,
        Optional<InetAddress> masterAddress,
        int masterPriority,
        Duration masterAdverInterval,
        boolean holdsAddresses,
        List<String> conditions,
        Map<String, Long> counters) {

    public InstanceStatus {
        requireNonNull(name, "name");
        requireNonNull(interfaceName, "interfaceName");
        virtualAddresses = List.copyOf(virtualAddresses);
        requireNonNull(state, "state");
        requireNonNull(masterAddress, "masterAddress");
        requireNonNull(masterAdverInterval, "masterAdverInterval");
        conditions = List.copyOf(conditions);
        counters = Map.copyOf(counters);
    }

    public boolean hasCondition(String prefix) {
        return conditions.stream().anyMatch(c -> c.startsWith(prefix));
    }
}
