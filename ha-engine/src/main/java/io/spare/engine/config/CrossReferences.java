package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.api.AddressFamily;
import io.spare.api.DidYouMean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules that span sections: names that must exist (tracked checks, sync group members, notifier
 * targets), an instance in at most one sync group, and one virtual router per VRID, interface and
 * family. Names are checked on the tree as written, so that each problem points at its list item.
 */
final class CrossReferences {
    private final Diagnostics diagnostics;

    CrossReferences(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param config the bound model (entries that failed to bind are missing from it)
     * @param root the file as written: names declared there count as existing, so that one broken
     *     entry does not also make every reference to it an error
     */
    void check(SpareConfig config, JsonNode root) {
        Set<String> checks = declared(root.path(CheckBinder.PATH));
        Set<String> instances = declared(root.path(InstanceBinder.PATH));
        checkTrackedScripts(config, root.path(InstanceBinder.PATH), checks);
        checkSyncGroups(config, root.path(SyncGroupBinder.PATH), instances);
        checkNotifierTargets(config, root.path(NotifierBinder.PATH), instances, declared(root.path(SyncGroupBinder.PATH)));
        checkDuplicateRouters(config);
        checkOwnerTracking(config);
    }

    /** keepalived ignores tracking weights on the address owner: its priority stays 255. */
    private void checkOwnerTracking(SpareConfig config) {
        for (InstanceConfig instance : config.instances().values()) {
            if (!instance.addressOwner()) {
                continue;
            }
            boolean weighted = instance.trackScript().stream().anyMatch(tracked -> tracked.weight().orElse(
                            config.checks().containsKey(tracked.name()) ? config.checks().get(tracked.name()).weight() : 0) != 0)
                    || instance.trackInterface().stream().anyMatch(tracked -> tracked.weight() != 0);
            if (weighted) {
                diagnostics.warning(SourceMap.child(SourceMap.child(InstanceBinder.PATH, instance.name()), "priority"),
                        "priority 255 (address owner) never changes: tracked weights do not move it (as keepalived)");
            }
        }
    }

    private static Set<String> declared(JsonNode section) {
        Set<String> names = new java.util.LinkedHashSet<>();
        if (section.isObject()) {
            section.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private void checkTrackedScripts(SpareConfig config, JsonNode instances, Set<String> checks) {
        for (String instance : config.instances().keySet()) {
            String listPath = SourceMap.child(SourceMap.child(InstanceBinder.PATH, instance), "track_script");
            Set<String> seen = new HashSet<>();
            for (Named named : names(instances.path(instance).path("track_script"), listPath)) {
                if (!checks.contains(named.name())) {
                    diagnostics.error(named.path(), "no check named `" + named.name() + "` in checks"
                            + hintOrList(named.name(), checks));
                } else if (!seen.add(named.name())) {
                    diagnostics.warning(named.path(), "`" + named.name() + "` is tracked twice");
                }
            }
        }
    }

    private void checkSyncGroups(SpareConfig config, JsonNode groups, Set<String> instances) {
        Map<String, String> groupOf = new HashMap<>();
        for (String group : config.syncGroups().keySet()) {
            String listPath = SourceMap.child(SourceMap.child(SyncGroupBinder.PATH, group), "group");
            Set<String> members = new HashSet<>();
            List<Named> named = names(groups.path(group).path("group"), listPath);
            for (Named member : named) {
                if (!instances.contains(member.name())) {
                    diagnostics.error(member.path(), "no instance named `" + member.name() + "` in instances"
                            + hintOrList(member.name(), instances));
                } else if (!members.add(member.name())) {
                    diagnostics.warning(member.path(), "`" + member.name() + "` is listed twice");
                } else {
                    String other = groupOf.putIfAbsent(member.name(), group);
                    if (other != null) {
                        diagnostics.error(member.path(), "`" + member.name() + "` is already in sync group `" + other
                                + "`; an instance can be in one group only");
                    }
                }
            }
            if (named.size() == 1 && members.size() == 1) {
                diagnostics.warning(listPath, "a sync group of one instance does nothing");
            }
        }
    }

    private void checkNotifierTargets(SpareConfig config, JsonNode notifiers, Set<String> instances, Set<String> groups) {
        Set<String> targets = new HashSet<>(instances);
        targets.addAll(groups);
        for (String notifier : config.notifiers().keySet()) {
            String listPath = SourceMap.child(SourceMap.child(NotifierBinder.PATH, notifier), "instances");
            for (Named target : names(notifiers.path(notifier).path("instances"), listPath)) {
                if (!targets.contains(target.name())) {
                    diagnostics.error(target.path(), "no instance or sync group named `" + target.name() + "`"
                            + hintOrList(target.name(), targets));
                }
            }
        }
    }

    /** Two virtual routers with one VRID on one link and family would fight over one virtual MAC. */
    private void checkDuplicateRouters(SpareConfig config) {
        Map<RouterKey, InstanceConfig> owners = new HashMap<>();
        for (InstanceConfig instance : config.instances().values()) {
            if (instance.virtualRouterId() == 0 || instance.interfaceName().isEmpty()) {
                continue; // already reported
            }
            RouterKey key = new RouterKey(instance.interfaceName(), instance.family(), instance.virtualRouterId());
            InstanceConfig other = owners.putIfAbsent(key, instance);
            if (other != null && !disjointUnicast(instance, other)) {
                diagnostics.error(SourceMap.child(SourceMap.child(InstanceBinder.PATH, instance.name()), "virtual_router_id"),
                        "VRID " + instance.virtualRouterId() + " is already used by instance `" + other.name() + "` on "
                                + instance.interfaceName() + " (" + InstanceBinder.name(instance.family()) + ")");
            }
        }
    }

    // keepalived allows one VRID twice on a link only in unicast mode with no peer in common
    private static boolean disjointUnicast(InstanceConfig a, InstanceConfig b) {
        if (!a.unicast() || !b.unicast()) {
            return false;
        }
        Set<InetAddress> peers = new HashSet<>(a.unicastPeer());
        return b.unicastPeer().stream().noneMatch(peers::contains);
    }

    private record RouterKey(String interfaceName, AddressFamily family, int vrid) {}

    private record Named(String name, String path) {}

    /** The names in a list written as {@code [a, {name: b}]}; entries of other shapes were reported while binding. */
    private static List<Named> names(JsonNode list, String listPath) {
        List<Named> names = new ArrayList<>();
        if (list.isTextual()) {
            names.add(new Named(list.textValue(), listPath));
        }
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode item = list.get(i);
            String path = SourceMap.item(listPath, i);
            if (item.isTextual()) {
                names.add(new Named(item.textValue(), path));
            } else if (item.isObject() && item.path("name").isTextual()) {
                names.add(new Named(item.path("name").textValue(), SourceMap.child(path, "name")));
            }
        }
        return names;
    }

    private static String hintOrList(String name, Collection<String> known) {
        String hint = DidYouMean.hint(name, known);
        if (!hint.isEmpty()) {
            return hint;
        }
        return known.isEmpty() ? " (there are none)" : " (known: " + String.join(", ", known.stream().filter(Objects::nonNull).sorted().toList()) + ")";
    }
}
