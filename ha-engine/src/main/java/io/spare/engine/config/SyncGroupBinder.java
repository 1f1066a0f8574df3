package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Binds one entry of {@code sync_groups:} (keepalived's {@code vrrp_sync_group}). */
final class SyncGroupBinder {
    static final String PATH = "sync_groups";
    static final List<String> KEYS = List.of("group", "smtp_alert");

    private final Diagnostics diagnostics;
    private final GlobalConfig global;

    SyncGroupBinder(Diagnostics diagnostics, GlobalConfig global) {
        this.diagnostics = diagnostics;
        this.global = global;
    }

    SyncGroupConfig bind(String name, JsonNode value) {
        String path = SourceMap.child(PATH, name);
        Section group = Section.open(value, path, diagnostics, KEYS, InstanceBinder::isNotifyKey);
        if (!group.has("group")) {
            group.missing("group");
        } else if (group.get("group").get().isNull() || group.get("group").get().isEmpty() && group.get("group").get().isArray()) {
            diagnostics.error(group.path("group"), "a sync group needs at least one instance");
        }
        List<String> members = group.strings("group");
        boolean smtpAlert = group.bool("smtp_alert").orElse(global.smtpAlert());
        group.rejectUnknownKeys(java.util.Map.of(), InstanceBinder.NOTIFY_KEYS);
        return new SyncGroupConfig(name, members, new ConfigBlock(path, group.copyOf(InstanceBinder::isNotifyKey)), smtpAlert);
    }
}
