package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A whole {@code spare.yaml}. Maps keep the file's order.
 *
 * @param global {@code global:} (keepalived's global_defs)
 * @param checks {@code checks:} by name (keepalived's vrrp_script / track_file / track_process)
 * @param instances {@code instances:} by name (keepalived's vrrp_instance)
 * @param syncGroups {@code sync_groups:} by name (keepalived's vrrp_sync_group)
 * @param notifiers {@code notifiers:} by name, for notifier plugins beyond script and mail
 */
public record SpareConfig(
        GlobalConfig global,
        Map<String, CheckConfig> checks,
        Map<String, InstanceConfig> instances,
        Map<String, SyncGroupConfig> syncGroups,
        Map<String, NotifierConfig> notifiers) {

    public SpareConfig {
        requireNonNull(global, "global");
        checks = Maps.ordered(checks);
        instances = Maps.ordered(instances);
        syncGroups = Maps.ordered(syncGroups);
        notifiers = Maps.ordered(notifiers);
    }
}
