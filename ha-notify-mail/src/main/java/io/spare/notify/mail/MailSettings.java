package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import io.spare.api.ConfigProblem;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validated mail configuration, defaults filled in.
 *
 * @param recipients {@code notification_email}
 * @param from {@code notification_email_from}
 * @param server {@code smtp_server}
 * @param timeout {@code smtp_connect_timeout}: connect, read and write
 * @param heloName {@code smtp_helo_name}
 * @param startTls {@code smtp_starttls}
 * @param implicitTls {@code smtp_tls}
 * @param trust {@code smtp_tls_trust}
 * @param username {@code smtp_username}
 * @param password {@code smtp_password}, present exactly when the user is
 * @param subject {@code smtp_subject}
 * @param body {@code smtp_body}
 * @param queueSize {@code smtp_queue_size}
 * @param retries {@code smtp_retries}
 * @param retryBackoff {@code smtp_retry_backoff}
 */
record MailSettings(
        List<InternetAddress> recipients,
        InternetAddress from,
        SmtpServer server,
        Duration timeout,
        String heloName,
        StartTls startTls,
        boolean implicitTls,
        TlsTrust trust,
        Optional<String> username,
        Optional<Secret> password,
        MailTemplate subject,
        MailTemplate body,
        int queueSize,
        int retries,
        Duration retryBackoff) {

    static final int MAX_QUEUE_SIZE = 100_000;
    static final int MAX_RETRIES = 100;
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    MailSettings {
        recipients = List.copyOf(recipients);
        requireNonNull(from, "from");
        requireNonNull(server, "server");
        requireNonNull(timeout, "timeout");
        requireNonNull(heloName, "heloName");
        requireNonNull(startTls, "startTls");
        requireNonNull(trust, "trust");
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        requireNonNull(retryBackoff, "retryBackoff");
    }

    /**
     * Validates {@code config}, reporting every problem at once; warnings go to {@code block}.
     *
     * @throws PluginConfigException with one problem per wrong key
     */
    static MailSettings validate(MailConfig config, PluginConfig block, PluginContext context) throws PluginConfigException {
        List<ConfigProblem> problems = new ArrayList<>();

        List<InternetAddress> recipients = new ArrayList<>();
        if (config.notificationEmail().isEmpty()) {
            problems.add(new ConfigProblem("notification_email", "must list at least one recipient"));
        }
        for (int i = 0; i < config.notificationEmail().size(); i++) {
            address("notification_email[" + i + "]", config.notificationEmail().get(i), problems).ifPresent(recipients::add);
        }
        InternetAddress from = address(
                        "notification_email_from", config.notificationEmailFrom().orElse("spare@" + context.hostname()), problems)
                .orElse(null);

        SmtpServer server = null;
        if (config.smtpServer().isEmpty()) {
            problems.add(new ConfigProblem("smtp_server", "missing: the mail relay, host[:port] (e.g. 127.0.0.1 or mail.example.com:587)"));
        } else {
            try {
                server = SmtpServer.parse(config.smtpServer().get());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("smtp_server", e.getMessage()));
            }
        }

        checkDuration("smtp_connect_timeout", config.smtpConnectTimeout(), Duration.ofMillis(1), problems);

        String heloName = config.smtpHeloName().orElse(context.hostname()).trim();
        if (heloName.isEmpty() || heloName.chars().anyMatch(Character::isWhitespace)) {
            problems.add(new ConfigProblem("smtp_helo_name", "must be one host name without spaces (was '" + heloName + "')"));
        }

        StartTls startTls = StartTls.parse(config.smtpStarttls()).orElse(null);
        if (startTls == null) {
            problems.add(new ConfigProblem("smtp_starttls", "must be off, opportunistic or required (was " + config.smtpStarttls() + ")"));
        } else if (startTls != StartTls.OFF && config.smtpTls()) {
            problems.add(new ConfigProblem("smtp_starttls",
                    "must be off with smtp_tls: true (the connection is TLS from the start; was " + startTls.keyword() + ")"));
        }
        TlsTrust trust = TlsTrust.parse(config.smtpTlsTrust());
        boolean usesTls = config.smtpTls() || (startTls != null && startTls != StartTls.OFF);
        if (!trust.verifies() && !usesTls) {
            block.warn("smtp_tls_trust", "has no effect without smtp_tls or smtp_starttls");
        }
        if (server != null && !trust.trustAll() && !trust.hosts().isEmpty() && !trust.hosts().contains(server.host())) {
            block.warn("smtp_tls_trust", "does not list the smtp_server host " + server.host() + "; its certificate will be verified");
        }

        Optional<String> username = config.smtpUsername().map(String::trim).filter(u -> !u.isEmpty());
        Optional<Secret> password = config.smtpPassword().map(Secret::new);
        if (username.isPresent() && password.isEmpty()) {
            problems.add(new ConfigProblem("smtp_password", "missing: smtp_username needs a password"));
        }
        if (username.isEmpty() && password.isPresent()) {
            problems.add(new ConfigProblem("smtp_username", "missing: smtp_password needs a user name"));
        }
        if (username.isPresent() && password.isPresent() && startTls != StartTls.REQUIRED && !config.smtpTls()) {
            block.warn("smtp_password", "may be sent in clear text: set smtp_starttls: required or smtp_tls: true");
        }

        MailTemplate subject = template("smtp_subject", config.smtpSubject(), problems);
        MailTemplate body = template("smtp_body", config.smtpBody(), problems);

        if (config.smtpQueueSize() < 1 || config.smtpQueueSize() > MAX_QUEUE_SIZE) {
            problems.add(new ConfigProblem("smtp_queue_size", "must be 1.." + MAX_QUEUE_SIZE + " (was " + config.smtpQueueSize() + ")"));
        }
        if (config.smtpRetries() < 0 || config.smtpRetries() > MAX_RETRIES) {
            problems.add(new ConfigProblem("smtp_retries", "must be 0.." + MAX_RETRIES + " (was " + config.smtpRetries() + ")"));
        }
        checkDuration("smtp_retry_backoff", config.smtpRetryBackoff(), Duration.ZERO, problems);

        if (config.smtpAlertVrrp() != null) {
            block.warn("smtp_alert_vrrp", "is ignored: Spare mails the transitions of instances and sync groups with smtp_alert: true");
        }
        if (config.smtpAlertChecker() != null) {
            block.warn("smtp_alert_checker", "is ignored: Spare has no LVS checkers");
        }

        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        return new MailSettings(recipients, from, server, config.smtpConnectTimeout(), heloName, startTls, config.smtpTls(), trust,
                username, password, subject, body, config.smtpQueueSize(), config.smtpRetries(), config.smtpRetryBackoff());
    }

    /** The port connected to: the given one, else 465 with implicit TLS, else 25. */
    int port() {
        return server.portOr(implicitTls);
    }

    private static Optional<InternetAddress> address(String key, String text, List<ConfigProblem> problems) {
        try {
            InternetAddress address = new InternetAddress(text.trim(), true);
            address.validate();
            return Optional.of(address);
        } catch (AddressException e) {
            problems.add(new ConfigProblem(key, "must be a mail address like root@example.com (was '" + text + "': " + e.getMessage() + ")"));
            return Optional.empty();
        }
    }

    private static MailTemplate template(String key, String source, List<ConfigProblem> problems) {
        try {
            return MailTemplate.parse(source, MailComposer.PLACEHOLDERS);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(key, e.getMessage()));
            return null;
        }
    }

    private static void checkDuration(String key, Duration value, Duration min, List<ConfigProblem> problems) {
        if (value.compareTo(min) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(new ConfigProblem(key, "must be " + (min.isZero() ? "0" : "more than 0") + " .. 1h (was " + human(value) + ")"));
        }
    }

    /** {@code 1500ms}, {@code 30s}: the way spare.yaml writes durations. */
    static String human(Duration value) {
        return value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return "MailSettings[to=" + recipients + ", from=" + from + ", server=" + server.display(implicitTls)
                + ", timeout=" + human(timeout) + ", helo=" + heloName + ", starttls=" + startTls.keyword() + ", tls=" + implicitTls
                + ", trust=" + trust + ", username=" + username.orElse("(none)")
                + ", password=" + password.map(Secret::toString).orElse("(none)")
                + ", queue_size=" + queueSize + ", retries=" + retries + ", retry_backoff=" + human(retryBackoff) + "]";
    }
}
