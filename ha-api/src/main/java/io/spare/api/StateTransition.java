package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A VRRP instance or sync group changed state. What notifiers receive.
 *
 * @param scope an instance or a sync group
 * @param name the instance's or group's name ({@code VI_1})
 * @param group for an instance, the sync group it belongs to
 * @param from the state it left
 * @param to the state it entered
 * @param priority the effective priority at the time
 * @param virtualAddresses the instance's VIPs (a group's: all its instances' VIPs)
 * @param reason why, for people: {@code master down timer expired}, {@code check chk_haproxy failed}
 * @param at wall-clock time of the transition
 */
public record StateTransition(
        Scope scope,
        String name,
        Optional<String> group,
        VrrpState from,
        VrrpState to,
        int priority,
        List<VirtualAddress> virtualAddresses,
        String reason,
        Instant at) {

    public enum Scope {
        INSTANCE,
        GROUP
    }

    public StateTransition {
        requireNonNull(scope, "scope");
        requireNonNull(name, "name");
        requireNonNull(group, "group");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(reason, "reason");
        requireNonNull(at, "at");
        virtualAddresses = List.copyOf(virtualAddresses);
    }
}
