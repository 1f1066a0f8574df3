package io.spare.engine.importer;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** keepalived's {@code global_defs} to {@code global:}. Several global_defs blocks add up, as in keepalived. */
final class GlobalDefsConverter {
    private static final List<String> KEY_ORDER = List.of(
            "router_id", "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout",
            "smtp_alert", "script_user", "enable_script_security", "vrrp_version", "vrrp_garp_master_delay",
            "vrrp_garp_master_repeat", "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat",
            "vrrp_garp_lower_prio_repeat", "vrrp_startup_delay");

    private final Notes notes;
    private final Values values;
    private final Map<String, Object> global = new LinkedHashMap<>();
    private final List<String> emails = new ArrayList<>();

    GlobalDefsConverter(Notes notes) {
        this.notes = notes;
        this.values = new Values(notes);
    }

    void convert(Statement globalDefs) {
        for (Statement line : globalDefs.children()) {
            convertLine(line);
        }
    }

    private void convertLine(Statement line) {
        switch (line.keyword()) {
            case "router_id" -> values.single(line).ifPresent(id -> global.put("router_id", id));
            case "notification_email" -> {
                if (!line.hasBlock()) {
                    notes.notCarried(line, "it needs a { } block of addresses");
                }
                for (Statement address : line.children()) {
                    emails.add(address.keyword());
                    if (address.argCount() > 0) {
                        address.args().forEach(more -> emails.add(more.text()));
                    }
                }
            }
            case "notification_email_from" -> values.single(line).ifPresent(from -> global.put("notification_email_from", from));
            case "smtp_server" -> smtpServer(line);
            case "smtp_connect_timeout" -> values.positiveSeconds(line, 86400).ifPresent(t -> global.put("smtp_connect_timeout", t));
            case "smtp_alert", "smtp_alert_vrrp" -> values.flag(line).ifPresent(on -> global.put("smtp_alert", on));
            case "script_user" -> {
                if (line.argCount() == 0 || line.argCount() > 2) {
                    notes.notCarried(line, "expected 'script_user USER [GROUP]'");
                } else {
                    global.put("script_user", line.argText());
                }
            }
            case "enable_script_security" -> global.put("enable_script_security", true);
            case "vrrp_version" -> values.integer(line, 2, 3).ifPresent(v -> global.put("vrrp_version", v));
            case "vrrp_garp_master_delay" -> values.seconds(line, 86400).ifPresent(d -> global.put(line.keyword(), d));
            case "vrrp_garp_master_refresh" -> values.seconds(line, 86400).ifPresent(d -> global.put(line.keyword(), d));
            case "vrrp_startup_delay" -> values.seconds(line, 86400).ifPresent(d -> global.put(line.keyword(), d));
            case "vrrp_garp_master_repeat", "vrrp_garp_master_refresh_repeat" ->
                    values.integer(line, 1, 255).ifPresent(n -> global.put(line.keyword(), n));
            case "vrrp_garp_lower_prio_repeat" -> values.integer(line, 0, 255).ifPresent(n -> global.put(line.keyword(), n));
            default -> notes.notCarried(line, Unsupported.reason(line.keyword(), "not a global_defs keyword Spare knows"));
        }
    }

    /** keepalived writes {@code smtp_server HOST [PORT]}; spare.yaml {@code host[:port]}. */
    private void smtpServer(Statement line) {
        if (line.argCount() == 0 || line.argCount() > 2) {
            notes.notCarried(line, "expected 'smtp_server HOST [PORT]'");
            return;
        }
        String host = line.arg(0);
        if (line.argCount() == 1) {
            global.put("smtp_server", host);
            return;
        }
        values.integer(line, line.arg(1), 1, 65535).ifPresent(port -> {
            boolean ipv6 = host.contains(":") && InetAddresses.isInetAddress(host);
            global.put("smtp_server", (ipv6 ? "[" + host + "]" : host) + ":" + port);
            notes.converted(line.location(), "smtp_server " + host + " " + port + " written as host:port");
        });
    }

    /** The {@code global:} map, or empty when global_defs set nothing. */
    Optional<Map<String, Object>> result() {
        if (!emails.isEmpty()) {
            global.put("notification_email", new YamlWriter.Flow(List.copyOf(emails)));
        }
        if (global.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : KEY_ORDER) {
            if (global.containsKey(key)) {
                ordered.put(key, global.get(key));
            }
        }
        return Optional.of(ordered);
    }

    boolean scriptSecurityEnabled() {
        return global.containsKey("enable_script_security");
    }
}
