package io.spare.engine.runtime;

import io.spare.engine.check.CheckStatus;
import io.spare.engine.notify.NotifierStatus;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/** An immutable snapshot of the whole engine. */
public record EngineStatus(
        Instant at,
        List<InstanceStatus> instances,
        List<SyncGroupStatus> syncGroups,
        List<CheckStatus> checks,
        List<NotifierStatus> notifiers) {

    public EngineStatus {
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        checks = List.copyOf(checks);
        notifiers = List.copyOf(notifiers);
    }

    public InstanceStatus instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no instance " + name));
    }

    public CheckStatus check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no check " + name));
    }

    public SyncGroupStatus syncGroup(String name) {
        return syncGroups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no sync group " + name));
    }
}
