package io.spare.engine.importer;

import com.google.common.net.InetAddresses;
import io.spare.engine.importer.CheckConverter.CheckRef;
import io.spare.engine.importer.CheckConverter.Namespace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** keepalived's {@code vrrp_instance} blocks to {@code instances:} entries, with keepalived's own fix-ups. */
final class InstanceConverter {
    private static final List<String> KEY_ORDER = List.of(
            "state", "interface", "virtual_router_id", "priority", "advert_int", "version", "authentication",
            "virtual_ipaddress", "virtual_ipaddress_excluded", "track_script", "track_interface", "nopreempt",
            "preempt_delay", "unicast_src_ip", "unicast_peer", "mcast_src_ip", "garp_master_delay", "garp_master_repeat",
            "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_repeat", "use_vmac", "smtp_alert",
            "down_timer_adverts", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "notify_user");
    private static final int AUTH_PASS_BYTES = 8;

    private final Notes notes;
    private final Values values;
    private final CheckConverter checks;
    private final VirtualAddressConverter addresses;
    private final int globalVersion;
    private final Map<String, Object> instances = new LinkedHashMap<>();

    InstanceConverter(Notes notes, CheckConverter checks, int globalVersion) {
        this.notes = notes;
        this.values = new Values(notes);
        this.checks = checks;
        this.addresses = new VirtualAddressConverter(notes);
        this.globalVersion = globalVersion;
    }

    Map<String, Object> instances() {
        return instances;
    }

    /** What one instance's lines said, before keepalived's cross-checks. */
    private static final class Instance {
        final String name;
        final Statement definition;
        final Map<String, Object> keys = new LinkedHashMap<>();
        final List<VirtualAddressConverter.Vip> vips = new ArrayList<>();
        final List<VirtualAddressConverter.Vip> excluded = new ArrayList<>();
        final List<Object> tracked = new ArrayList<>();
        final Map<String, Statement> lines = new LinkedHashMap<>();
        final NotifyHooks notifyHooks;
        BigDecimal advertInt;

        Instance(String name, Statement definition, Notes notes) {
            this.name = name;
            this.definition = definition;
            this.notifyHooks = new NotifyHooks(notes, "vrrp_instance " + name, keys);
        }
    }

    void convert(Statement definition) {
        if (definition.argCount() == 0 || !definition.hasBlock()) {
            notes.notCarried(definition, "expected 'vrrp_instance NAME { ... }'");
            return;
        }
        Instance instance = new Instance(definition.arg(0), definition, notes);
        if (instances.containsKey(instance.name)) {
            notes.warning(definition.location(), "vrrp_instance " + instance.name + " is defined again; the later one replaces the earlier one");
        }
        for (Statement line : definition.children()) {
            instance.lines.put(line.keyword(), line);
            convertLine(line, instance);
        }
        instance.notifyHooks.finish();
        fixUps(instance);
        instances.put(instance.name, ordered(instance));
    }

    private void convertLine(Statement line, Instance instance) {
        Map<String, Object> keys = instance.keys;
        String keyword = line.keyword();
        switch (keyword) {
            case "state" -> values.single(line).ifPresent(state -> {
                if (state.equals("MASTER") || state.equals("BACKUP")) {
                    keys.put("state", state);
                } else {
                    notes.notCarried(line, "expected MASTER or BACKUP (was '" + state + "')");
                }
            });
            case "interface" -> values.single(line).ifPresent(name -> keys.put("interface", name));
            case "virtual_router_id" -> values.integer(line, 1, 255).ifPresent(id -> keys.put(keyword, id));
            case "priority" -> values.integer(line, 1, 255).ifPresent(p -> keys.put(keyword, p));
            case "advert_int" -> values.single(line)
                    .flatMap(text -> values.decimalSeconds(line, text, 0.01, 255))
                    .ifPresent(seconds -> instance.advertInt = seconds);
            case "version", "vrrp_version" -> values.integer(line, 2, 3).ifPresent(v -> keys.put("version", v));
            case "authentication" -> authentication(line, instance);
            case "virtual_ipaddress" -> line.children().forEach(vip -> addresses.convert(vip).ifPresent(instance.vips::add));
            case "virtual_ipaddress_excluded" ->
                    line.children().forEach(vip -> addresses.convert(vip).ifPresent(instance.excluded::add));
            case "track_script" -> line.children().forEach(entry -> trackCheck(entry, Namespace.SCRIPT, instance));
            case "track_file" -> line.children().forEach(entry -> trackCheck(entry, Namespace.FILE, instance));
            case "track_process" -> line.children().forEach(entry -> trackCheck(entry, Namespace.PROCESS, instance));
            case "track_interface" -> trackInterfaces(line, instance);
            case "nopreempt" -> keys.put("nopreempt", true);
            case "preempt" -> keys.remove("nopreempt");
            case "preempt_delay" -> values.seconds(line, 1000).ifPresent(d -> keys.put(keyword, d));
            case "unicast_src_ip", "mcast_src_ip" -> values.single(line).ifPresent(ip -> {
                if (InetAddresses.isInetAddress(ip)) {
                    keys.put(keyword, ip);
                } else {
                    notes.notCarried(line, "'" + ip + "' is not an IP address");
                }
            });
            case "unicast_peer" -> unicastPeers(line, instance);
            case "garp_master_delay", "garp_master_refresh" -> values.seconds(line, 86400).ifPresent(d -> keys.put(keyword, d));
            case "garp_master_repeat", "garp_master_refresh_repeat" ->
                    values.integer(line, 1, 255).ifPresent(n -> keys.put(keyword, n));
            case "garp_lower_prio_repeat" -> values.integer(line, 0, 255).ifPresent(n -> keys.put(keyword, n));
            case "use_vmac" -> keys.put("use_vmac", line.argCount() == 0 ? (Object) true : line.arg(0));
            case "smtp_alert" -> values.flag(line).ifPresent(on -> keys.put("smtp_alert", on));
            case "down_timer_adverts" -> values.integer(line, 1, 100).ifPresent(n -> keys.put(keyword, n));
            case "native_ipv6" -> keys.put("native_ipv6", true); // resolved in fixUps
            default -> {
                if (!instance.notifyHooks.convert(line)) {
                    notes.notCarried(line, Unsupported.reason(keyword, "not a vrrp_instance keyword Spare knows"));
                }
            }
        }
    }

    private void authentication(Statement line, Instance instance) {
        String type = null;
        String pass = null;
        for (Statement entry : line.children()) {
            switch (entry.keyword()) {
                case "auth_type" -> type = values.single(entry).orElse(null);
                case "auth_pass" -> pass = values.single(entry).orElse(null);
                default -> notes.notCarried(entry, "not an authentication keyword");
            }
        }
        if (type == null || !(type.equals("PASS") || type.equals("AH"))) {
            notes.notCarried(line, "auth_type must be PASS or AH (was " + (type == null ? "missing" : "'" + type + "'") + ")");
            return;
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("auth_type", type);
        if (pass != null) {
            if (pass.getBytes(StandardCharsets.UTF_8).length > AUTH_PASS_BYTES) {
                String truncated = truncate(pass);
                notes.converted(line.location(), "auth_pass is longer than 8 bytes; keepalived uses only the first 8,"
                        + " so it is carried over as '" + truncated + "'");
                pass = truncated;
            }
            auth.put("auth_pass", pass);
        }
        instance.keys.put("authentication", new YamlWriter.Flow(auth));
    }

    private static String truncate(String pass) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < pass.length(); ) {
            int codePoint = pass.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if ((kept + next).getBytes(StandardCharsets.UTF_8).length > AUTH_PASS_BYTES) {
                break;
            }
            kept.append(next);
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }

    /** {@code NAME [weight W [reverse|noreverse]]}. */
    private void trackCheck(Statement entry, Namespace namespace, Instance instance) {
        Optional<CheckRef> ref = checks.find(namespace, entry.keyword());
        if (ref.isEmpty()) {
            notes.warning(entry.location(), "vrrp_instance " + instance.name + ": " + namespace.trackingKeyword + " '"
                    + entry.keyword() + "' is not defined (or was not carried over); keepalived ignores it, so it is left out");
            return;
        }
        CheckRef check = ref.get();
        if (entry.argCount() == 0) {
            instance.tracked.add(check.spareName());
            return;
        }
        if (!entry.arg(0).equals("weight") || entry.argCount() < 2) {
            notes.warning(entry.location(), "'" + entry.lineText() + "': expected 'NAME weight N'; tracked with the check's own weight");
            instance.tracked.add(check.spareName());
            return;
        }
        OptionalInt weight = values.integer(entry, entry.arg(1), -CheckConverter.MAX_WEIGHT, CheckConverter.MAX_WEIGHT);
        if (weight.isEmpty()) {
            instance.tracked.add(check.spareName());
            return;
        }
        boolean reverse = check.reverse();
        if (entry.argCount() > 2) {
            reverse = entry.arg(2).equals("reverse") || (!entry.arg(2).equals("noreverse") && reverse);
        }
        int value = weight.getAsInt();
        if (check.namespace() == Namespace.FILE || check.resultInverted()) {
            // value x weight (track_file) or an inverted result: reversing is negating the weight
            if (reverse) {
                value = -value;
            } else if (check.resultInverted()) {
                notes.notCarried(entry.location(), "noreverse", "check '" + check.spareName()
                        + "' was inverted for its own 'reverse'; this instance's weight " + value + " applies to the inverted result");
            }
        } else if (reverse) {
            notes.notCarried(entry.location(), "reverse", "Spare has no reversed weights; weight " + value
                    + " applies the normal way round");
        }
        Map<String, Object> tracked = new LinkedHashMap<>();
        tracked.put("name", check.spareName());
        tracked.put("weight", value);
        instance.tracked.add(new YamlWriter.Flow(tracked));
    }

    /** {@code IFNAME [weight W [reverse]]}. */
    private void trackInterfaces(Statement line, Instance instance) {
        List<Object> tracked = new ArrayList<>();
        for (Statement entry : line.children()) {
            if (entry.argCount() == 0) {
                tracked.add(entry.keyword());
                continue;
            }
            if (!entry.arg(0).equals("weight") || entry.argCount() < 2) {
                notes.warning(entry.location(), "'" + entry.lineText() + "': expected 'IFNAME weight N'; tracked with weight 0 (FAULT while down)");
                tracked.add(entry.keyword());
                continue;
            }
            OptionalInt weight = values.integer(entry, entry.arg(1), -254, 254);
            if (weight.isEmpty()) {
                continue;
            }
            if (entry.argCount() > 2 && entry.arg(2).equals("reverse")) {
                notes.notCarried(entry.location(), "reverse", "Spare has no reversed interface weights; weight "
                        + weight.getAsInt() + " applies while the interface is down");
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", entry.keyword());
            one.put("weight", weight.getAsInt());
            tracked.add(new YamlWriter.Flow(one));
        }
        instance.keys.put("track_interface", new YamlWriter.Flow(tracked));
    }

    /** {@code ADDR [min_ttl N] [max_ttl N]} per line. */
    private void unicastPeers(Statement line, Instance instance) {
        List<Object> peers = new ArrayList<>();
        for (Statement entry : line.children()) {
            if (!InetAddresses.isInetAddress(entry.keyword())) {
                notes.notCarried(entry, "'" + entry.keyword() + "' is not an IP address");
                continue;
            }
            peers.add(entry.keyword());
            if (entry.argCount() > 0) {
                notes.notCarried(entry.location(), entry.arg(0), "Spare checks unicast adverts for TTL 255 only");
            }
        }
        instance.keys.put("unicast_peer", new YamlWriter.Flow(peers));
    }

    /** keepalived's own adjustments (vrrp.c, vrrp_complete_instance), so the YAML means what keepalived did. */
    private void fixUps(Instance instance) {
        Map<String, Object> keys = instance.keys;
        SourceLocation where = instance.definition.location();
        String who = "vrrp_instance " + instance.name;
        boolean ipv6 = addressFamily(instance);
        if (!keys.containsKey("interface")) {
            notes.warning(where, who + " has no 'interface'; Spare needs one - add it");
        }
        if (!keys.containsKey("virtual_router_id")) {
            notes.warning(where, who + " has no 'virtual_router_id'; keepalived refuses such an instance - add it");
        }
        boolean master = "MASTER".equals(keys.get("state"));
        if (!keys.containsKey("priority") && master) {
            keys.put("priority", 255);
            notes.converted(lineOr(instance, "state"), who + ": state MASTER without a priority means priority 255"
                    + " (address owner) in keepalived; written out as priority: 255");
        }
        Object nativeIpv6 = keys.remove("native_ipv6");
        if (nativeIpv6 != null && !ipv6) {
            notes.notCarried(lineOr(instance, "native_ipv6"), "native_ipv6",
                    "Spare takes the address family from the VIPs; add an IPv6 VIP");
        } else if (nativeIpv6 != null) {
            notes.converted(lineOr(instance, "native_ipv6"), who + ": native_ipv6 dropped; the IPv6 VIPs make it IPv6");
        }
        if (keys.containsKey("nopreempt") && Integer.valueOf(255).equals(keys.get("priority"))) {
            keys.remove("nopreempt");
            notes.warning(lineOr(instance, "nopreempt"), who + ": nopreempt is incompatible with priority 255;"
                    + " keepalived clears it, so it is left out");
        } else if (keys.containsKey("nopreempt") && master) {
            keys.remove("nopreempt");
            notes.warning(lineOr(instance, "nopreempt"), who + ": nopreempt does not work with state MASTER;"
                    + " keepalived clears it, so it is left out - use state BACKUP on every node with nopreempt on the"
                    + " preferred one");
        }
        if (keys.containsKey("preempt_delay") && master) {
            keys.remove("preempt_delay");
            notes.warning(lineOr(instance, "preempt_delay"), who + ": preempt_delay does not work with state MASTER;"
                    + " keepalived clears it, so it is left out");
        } else if (keys.containsKey("preempt_delay") && keys.containsKey("nopreempt")) {
            keys.remove("preempt_delay");
            notes.warning(lineOr(instance, "preempt_delay"), who + ": preempt_delay is meaningless with nopreempt;"
                    + " keepalived clears it, so it is left out");
        }
        int version = keys.containsKey("version") ? (Integer) keys.get("version") : globalVersion;
        if (ipv6 && !keys.containsKey("version") && globalVersion != 3) {
            keys.put("version", 3);
            version = 3;
            notes.converted(instance.vips.get(0).location(), who + ": IPv6 VIPs; keepalived runs the instance as VRRPv3,"
                    + " written out as version: 3");
        } else if (ipv6 && version == 2) {
            keys.put("version", 3);
            version = 3;
            notes.warning(lineOr(instance, "version"), who + ": keepalived ran this IPv6 instance as VRRPv2 (not"
                    + " standard, allowed outside strict mode); Spare speaks only VRRPv3 over IPv6, so it is written as"
                    + " version: 3 - the other routers of VRID " + keys.getOrDefault("virtual_router_id", "?")
                    + " must use version 3 too");
        }
        advertInt(instance, version);
        if (version == 3 && keys.containsKey("authentication")) {
            keys.remove("authentication");
            notes.notCarried(lineOr(instance, "authentication"), "authentication",
                    "VRRPv3 has no authentication; keepalived ignores it too");
        }
        checkLabels(instance, instance.vips);
        checkLabels(instance, instance.excluded);
        if (!instance.tracked.isEmpty()) {
            keys.put("track_script", new YamlWriter.Flow(instance.tracked));
        }
        if (!instance.vips.isEmpty()) {
            keys.put("virtual_ipaddress", instance.vips.stream().map(VirtualAddressConverter.Vip::yaml).toList());
        } else {
            notes.warning(where, who + " has no virtual_ipaddress");
        }
        if (!instance.excluded.isEmpty()) {
            keys.put("virtual_ipaddress_excluded", instance.excluded.stream().map(VirtualAddressConverter.Vip::yaml).toList());
        }
    }

    /** VRRPv2 counts whole seconds, VRRPv3 centiseconds; keepalived rounds to what the version can send. */
    private void advertInt(Instance instance, int version) {
        if (instance.advertInt == null) {
            return;
        }
        BigDecimal written = instance.advertInt;
        BigDecimal sent = version == 2
                ? written.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE)
                : written.setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01")).min(new BigDecimal("40.95"));
        if (sent.compareTo(written) != 0) {
            notes.converted(lineOr(instance, "advert_int"), "vrrp_instance " + instance.name + ": advert_int "
                    + written.toPlainString() + " cannot be sent by VRRPv" + version + "; written as "
                    + Values.duration(sent) + (version == 2 ? " (whole seconds; use version 3 for shorter intervals)" : ""));
        }
        instance.keys.put("advert_int", Values.duration(sent));
    }

    /** The kernel refuses a label that does not start with the device's name; keepalived then fails to add the VIP. */
    @SuppressWarnings("unchecked")
    private void checkLabels(Instance instance, List<VirtualAddressConverter.Vip> vips) {
        for (VirtualAddressConverter.Vip vip : vips) {
            if (!(vip.yaml() instanceof YamlWriter.Flow flow) || !(flow.value() instanceof Map<?, ?> options)) {
                continue;
            }
            Map<String, Object> keys = (Map<String, Object>) options;
            Object label = keys.get("label");
            Object device = keys.getOrDefault("dev", instance.keys.get("interface"));
            if (label != null && device != null && !label.toString().startsWith(device.toString())) {
                keys.remove("label");
                notes.notCarried(vip.location(), "label " + label, "an address label must start with the interface"
                        + " name '" + device + "' (e.g. " + device + ":vip); the kernel refuses it");
            }
        }
    }

    /** The family of the advertised VIPs; VIPs of the other family move to the excluded list, as keepalived moves them. */
    private boolean addressFamily(Instance instance) {
        if (instance.vips.isEmpty()) {
            return false;
        }
        boolean ipv6 = instance.vips.get(0).ipv6();
        List<VirtualAddressConverter.Vip> otherFamily =
                instance.vips.stream().filter(vip -> vip.ipv6() != ipv6).toList();
        for (VirtualAddressConverter.Vip vip : otherFamily) {
            instance.vips.remove(vip);
            instance.excluded.add(vip);
            notes.converted(vip.location(), "vrrp_instance " + instance.name + ": " + (ipv6 ? "IPv4" : "IPv6")
                    + " address in an " + (ipv6 ? "IPv6" : "IPv4") + " instance moved to virtual_ipaddress_excluded"
                    + " (adverts carry one family), as keepalived does");
        }
        return ipv6;
    }

    private static SourceLocation lineOr(Instance instance, String keyword) {
        Statement line = instance.lines.get(keyword);
        return line != null ? line.location() : instance.definition.location();
    }

    private static Map<String, Object> ordered(Instance instance) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : KEY_ORDER) {
            if (instance.keys.containsKey(key)) {
                ordered.put(key, instance.keys.get(key));
            }
        }
        return ordered;
    }
}
