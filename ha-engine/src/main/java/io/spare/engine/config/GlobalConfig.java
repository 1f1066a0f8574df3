package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code global:}, keepalived's {@code global_defs}.
 *
 * @param routerId {@code router_id}: this host's name in logs and mails; default the host name
 * @param notificationEmail {@code notification_email}: mail recipients
 * @param notificationEmailFrom {@code notification_email_from}
 * @param smtpServer {@code smtp_server}: {@code host[:port]} as written (IPv6 as {@code [addr]:port});
 *     port 25 when none
 * @param smtpConnectTimeout {@code smtp_connect_timeout}, default 30 s
 * @param smtpAlert {@code smtp_alert}: the default for instances and groups, default off
 * @param mail every {@code smtp_*} and {@code notification_email*} key, for the mail plugin
 * @param scriptUser {@code script_user}: {@code user[ group]} scripts run as
 * @param enableScriptSecurity {@code enable_script_security}: default on (keepalived: off)
 * @param vrrpVersion {@code vrrp_version}: the default for instances, 2 or 3, default 2
 * @param garp {@code vrrp_garp_*}: the defaults for instances
 * @param vrrpStartupDelay {@code vrrp_startup_delay}: wait before starting VRRP, default 0
 * @param metricsListen {@code metrics_listen} (Spare): {@code ADDRESS:PORT} where Prometheus metrics
 *     are served over HTTP; none by default
 */
public record GlobalConfig(
        Optional<String> routerId,
        List<String> notificationEmail,
        Optional<String> notificationEmailFrom,
        Optional<String> smtpServer,
        Duration smtpConnectTimeout,
        boolean smtpAlert,
        ConfigBlock mail,
        Optional<String> scriptUser,
        boolean enableScriptSecurity,
        int vrrpVersion,
        GarpConfig garp,
        Duration vrrpStartupDelay,
        Optional<InetSocketAddress> metricsListen) {

    public static final Duration DEFAULT_SMTP_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public GlobalConfig {
        requireNonNull(routerId, "routerId");
        notificationEmail = List.copyOf(notificationEmail);
        requireNonNull(notificationEmailFrom, "notificationEmailFrom");
        requireNonNull(smtpServer, "smtpServer");
        requireNonNull(smtpConnectTimeout, "smtpConnectTimeout");
        requireNonNull(mail, "mail");
        requireNonNull(scriptUser, "scriptUser");
        requireNonNull(garp, "garp");
        requireNonNull(vrrpStartupDelay, "vrrpStartupDelay");
        requireNonNull(metricsListen, "metricsListen");
    }

    /** Whether mail alerts can be sent at all: recipients and a server are configured. */
    public boolean mailConfigured() {
        return !notificationEmail.isEmpty() && smtpServer.isPresent();
    }
}
