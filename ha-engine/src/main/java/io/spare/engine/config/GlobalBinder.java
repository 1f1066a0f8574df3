package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds {@code global:} (keepalived's {@code global_defs}). */
final class GlobalBinder {
    static final String PATH = "global";
    static final List<String> KEYS = List.of(
            "router_id",
            "notification_email",
            "notification_email_from",
            "smtp_server",
            "smtp_connect_timeout",
            "smtp_alert",
            "script_user",
            "enable_script_security",
            "vrrp_version",
            "vrrp_garp_master_delay",
            "vrrp_garp_master_repeat",
            "vrrp_garp_master_refresh",
            "vrrp_garp_master_refresh_repeat",
            "vrrp_garp_lower_prio_repeat",
            "vrrp_startup_delay",
            "metrics_listen");

    // host, IPv4, or [IPv6], with an optional :port
    private static final Pattern SMTP_SERVER =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*|[A-Za-z0-9_.-]+)(:[0-9]{1,5})?");

    private static final Pattern LISTEN = Pattern.compile("(?:\\[([^]]*)]|([^:\\[\\]]*)):([0-9]{1,5})");

    private final Diagnostics diagnostics;

    GlobalBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The global block, plus whether it set the lower-priority GARP repeat (instances inherit it only then). */
    record Bound(GlobalConfig config, boolean lowerPrioRepeatSet) {}

    static boolean isMailKey(String key) {
        return key.startsWith("smtp_") || key.startsWith("notification_email");
    }

    Bound bind(JsonNode value) {
        Section global = Section.open(value, PATH, diagnostics, KEYS, GlobalBinder::isMailKey);
        Optional<String> smtpServer = global.string("smtp_server");
        smtpServer.ifPresent(server -> checkSmtpServer(server, global.path("smtp_server")));
        int masterRepeat = global.integer("vrrp_garp_master_repeat", 1, 255).orElse(GarpConfig.DEFAULTS.masterRepeat());
        Optional<Integer> lowerPrioRepeat = global.integer("vrrp_garp_lower_prio_repeat", 0, 255);
        GarpConfig garp = new GarpConfig(
                global.duration("vrrp_garp_master_delay").orElse(GarpConfig.DEFAULTS.masterDelay()),
                masterRepeat,
                global.duration("vrrp_garp_master_refresh").orElse(GarpConfig.DEFAULTS.masterRefresh()),
                global.integer("vrrp_garp_master_refresh_repeat", 1, 255).orElse(GarpConfig.DEFAULTS.masterRefreshRepeat()),
                lowerPrioRepeat.orElse(masterRepeat));
        Duration connectTimeout = global.positiveDuration("smtp_connect_timeout").orElse(GlobalConfig.DEFAULT_SMTP_CONNECT_TIMEOUT);
        Optional<String> scriptUser = global.string("script_user");
        if (scriptUser.isPresent() && scriptUser.get().trim().split("\\s+").length > 2) {
            diagnostics.error(global.path("script_user"), "expected `user` or `user group`, found '" + scriptUser.get() + "'");
        }
        List<String> recipients = global.strings("notification_email");
        GlobalConfig config = new GlobalConfig(
                global.string("router_id"),
                recipients,
                global.string("notification_email_from"),
                smtpServer,
                connectTimeout,
                global.bool("smtp_alert").orElse(false),
                new ConfigBlock(PATH, global.copyOf(GlobalBinder::isMailKey)),
                scriptUser.map(String::trim),
                global.bool("enable_script_security").orElse(true),
                global.integer("vrrp_version", 2, 3).orElse(2),
                garp,
                global.duration("vrrp_startup_delay").orElse(Duration.ZERO),
                global.string("metrics_listen").flatMap(listen -> listenAddress(listen, global.path("metrics_listen"))));
        if (config.smtpAlert() && !config.mailConfigured()) {
            diagnostics.warning(global.path("smtp_alert"),
                    "smtp_alert is on but no mail can be sent: set notification_email and smtp_server");
        }
        global.rejectUnknownKeys();
        return new Bound(config, lowerPrioRepeat.isPresent());
    }

    /** {@code 127.0.0.1:9650}, {@code [::1]:9650}, {@code 0.0.0.0:9650}: an address literal, never a name. */
    private Optional<InetSocketAddress> listenAddress(String text, String path) {
        Matcher matcher = LISTEN.matcher(text.trim());
        if (!matcher.matches()) {
            diagnostics.error(path, "expected ADDRESS:PORT, e.g. 127.0.0.1:9650 or [::1]:9650, found '" + text + "'");
            return Optional.empty();
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        if (!InetAddresses.isInetAddress(host) || (matcher.group(1) != null) != host.contains(":")) {
            diagnostics.error(path, "'" + host + "' is not an IP address (write IPv6 as [ADDRESS]:PORT; no host names)");
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(3));
        if (!portInRange(port, path)) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(InetAddresses.forString(host), port));
    }

    private void checkSmtpServer(String server, String path) {
        var matcher = SMTP_SERVER.matcher(server.trim());
        if (!matcher.matches()) {
            diagnostics.error(path, "expected host[:port], found '" + server + "'");
            return;
        }
        if (matcher.group(2) != null) {
            portInRange(Integer.parseInt(matcher.group(2).substring(1)), path);
        }
    }

    /** Reports a port outside 1..65535 at {@code path}. */
    private boolean portInRange(int port, String path) {
        if (port < 1 || port > 65535) {
            diagnostics.error(path, "port must be 1..65535 (was " + port + ")");
            return false;
        }
        return true;
    }
}
