package io.spare.engine.runtime;

import io.spare.api.VrrpState;
import java.util.List;

/** A sync group's state and its members. */
public record SyncGroupStatus(String name, VrrpState state, List<String> members) {
    public SyncGroupStatus {
        members = List.copyOf(members);
    }
}
