package io.spare.engine.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** keepalived's {@code vrrp_sync_group} blocks to {@code sync_groups:} entries. */
final class SyncGroupConverter {
    private static final List<String> KEY_ORDER = List.of(
            "group", "smtp_alert", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "notify_user");

    private final Notes notes;
    private final Values values;
    private final Set<String> instanceNames;
    private final Map<String, Object> groups = new LinkedHashMap<>();
    private final Map<String, String> groupOfInstance = new HashMap<>();

    SyncGroupConverter(Notes notes, Set<String> instanceNames) {
        this.notes = notes;
        this.values = new Values(notes);
        this.instanceNames = instanceNames;
    }

    Map<String, Object> groups() {
        return groups;
    }

    void convert(Statement definition) {
        if (definition.argCount() == 0 || !definition.hasBlock()) {
            notes.notCarried(definition, "expected 'vrrp_sync_group NAME { group { ... } }'");
            return;
        }
        String name = definition.arg(0);
        Map<String, Object> keys = new LinkedHashMap<>();
        List<String> members = new ArrayList<>();
        NotifyHooks notifyHooks = new NotifyHooks(notes, "vrrp_sync_group " + name, keys);
        for (Statement line : definition.children()) {
            switch (line.keyword()) {
                case "group" -> line.children().forEach(member -> member(member, name, members));
                case "smtp_alert" -> values.flag(line).ifPresent(on -> keys.put("smtp_alert", on));
                case "track_script", "track_interface", "track_file", "track_process", "track_bfd" ->
                        notes.notCarried(line, "Spare tracks checks and interfaces per instance; track them in each"
                                + " member instance (a sync group follows its members)");
                default -> {
                    if (!notifyHooks.convert(line)) {
                        notes.notCarried(line, Unsupported.reason(line.keyword(), "not a vrrp_sync_group keyword Spare knows"));
                    }
                }
            }
        }
        notifyHooks.finish();
        if (members.isEmpty()) {
            notes.notCarried(definition, "vrrp_sync_group " + name + " has no (known) instances; keepalived ignores it");
            return;
        }
        if (members.size() == 1) {
            notes.warning(definition.location(), "vrrp_sync_group " + name + " has only one instance; keepalived"
                    + " warns about that too, and the group changes nothing");
        }
        keys.put("group", new YamlWriter.Flow(List.copyOf(members)));
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : KEY_ORDER) {
            if (keys.containsKey(key)) {
                ordered.put(key, keys.get(key));
            }
        }
        groups.put(name, ordered);
    }

    private void member(Statement member, String group, List<String> members) {
        List<String> names = new ArrayList<>();
        names.add(member.keyword());
        member.args().forEach(more -> names.add(more.text()));
        for (String instance : names) {
            if (!instanceNames.contains(instance)) {
                notes.warning(member.location(), "vrrp_sync_group " + group + ": instance '" + instance
                        + "' does not exist; keepalived ignores it, so it is left out");
            } else if (groupOfInstance.containsKey(instance)) {
                notes.warning(member.location(), "vrrp_sync_group " + group + ": instance '" + instance
                        + "' is already in sync group " + groupOfInstance.get(instance) + "; an instance can be in one"
                        + " group only, so it is left out here");
            } else {
                groupOfInstance.put(instance, group);
                members.add(instance);
            }
        }
    }
}
