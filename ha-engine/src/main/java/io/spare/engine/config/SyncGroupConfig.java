package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of {@code sync_groups:}, keepalived's {@code vrrp_sync_group}: instances that change
 * state together (if one fails, all leave MASTER).
 *
 * @param name the group's name
 * @param group {@code group}: the instance names
 * @param notifyHooks the group's {@code notify*} keys, for the script notifier
 * @param smtpAlert {@code smtp_alert}: default {@code global.smtp_alert}
 */
public record SyncGroupConfig(String name, List<String> group, ConfigBlock notifyHooks, boolean smtpAlert) {
    public SyncGroupConfig {
        requireNonNull(name, "name");
        group = List.copyOf(group);
        requireNonNull(notifyHooks, "notifyHooks");
    }
}
