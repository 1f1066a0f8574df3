package io.spare.notify.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code global} keys of the mail notifier, as written: keepalived's {@code notification_email},
 * {@code notification_email_from}, {@code smtp_server}, {@code smtp_connect_timeout}, {@code
 * smtp_helo_name}, plus Spare's TLS, authentication, template and queue keys. {@link MailSettings}
 * holds the validated form.
 *
 * @param notificationEmail recipients; required
 * @param notificationEmailFrom sender; default {@code spare@<hostname>}
 * @param smtpServer {@code host[:port]}, {@code [v6]:port} or {@code host port}; required
 * @param smtpConnectTimeout connect, read and write timeout; default 30 s
 * @param smtpHeloName the name in HELO/EHLO; default the host name
 * @param smtpStarttls {@code off} (default), {@code opportunistic} or {@code required}
 * @param smtpTls implicit TLS (SMTPS, port 465 by default); default false
 * @param smtpTlsTrust {@code verify} (default), {@code all}, or hosts whose certificate is accepted
 * @param smtpUsername AUTH user; with {@code smtp_password}
 * @param smtpPassword AUTH password; masked everywhere
 * @param smtpSubject subject template
 * @param smtpBody body template
 * @param smtpQueueSize mails waiting at most; default 100, the oldest is dropped when full
 * @param smtpRetries retries after a failed attempt; default 3
 * @param smtpRetryBackoff wait before the first retry, doubling after each; default 5 s
 * @param smtpAlert read by the engine (which transitions are mailed); ignored here
 * @param smtpAlertVrrp keepalived's; accepted and ignored with a warning
 * @param smtpAlertChecker keepalived's (LVS checkers); accepted and ignored with a warning
 */
record MailConfig(
        List<String> notificationEmail,
        Optional<String> notificationEmailFrom,
        Optional<String> smtpServer,
        Duration smtpConnectTimeout,
        Optional<String> smtpHeloName,
        String smtpStarttls,
        boolean smtpTls,
        String smtpTlsTrust,
        Optional<String> smtpUsername,
        Optional<String> smtpPassword,
        String smtpSubject,
        String smtpBody,
        Integer smtpQueueSize,
        Integer smtpRetries,
        Duration smtpRetryBackoff,
        Boolean smtpAlert,
        Boolean smtpAlertVrrp,
        Boolean smtpAlertChecker) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_QUEUE_SIZE = 100;
    static final int DEFAULT_RETRIES = 3;
    static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(5);

    MailConfig {
        notificationEmail = notificationEmail == null ? List.of() : List.copyOf(notificationEmail);
        notificationEmailFrom = notificationEmailFrom == null ? Optional.empty() : notificationEmailFrom;
        smtpServer = smtpServer == null ? Optional.empty() : smtpServer;
        smtpConnectTimeout = smtpConnectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : smtpConnectTimeout;
        smtpHeloName = smtpHeloName == null ? Optional.empty() : smtpHeloName;
        smtpStarttls = smtpStarttls == null ? "off" : smtpStarttls;
        smtpTlsTrust = smtpTlsTrust == null ? "verify" : smtpTlsTrust;
        smtpUsername = smtpUsername == null ? Optional.empty() : smtpUsername;
        smtpPassword = smtpPassword == null ? Optional.empty() : smtpPassword;
        smtpSubject = smtpSubject == null ? MailComposer.DEFAULT_SUBJECT : smtpSubject;
        smtpBody = smtpBody == null ? MailComposer.DEFAULT_BODY : smtpBody;
        smtpQueueSize = smtpQueueSize == null ? DEFAULT_QUEUE_SIZE : smtpQueueSize;
        smtpRetries = smtpRetries == null ? DEFAULT_RETRIES : smtpRetries;
        smtpRetryBackoff = smtpRetryBackoff == null ? DEFAULT_RETRY_BACKOFF : smtpRetryBackoff;
    }

    @Override
    public String toString() {
        return "MailConfig[notification_email=" + notificationEmail
                + ", notification_email_from=" + notificationEmailFrom.orElse("(default)")
                + ", smtp_server=" + smtpServer.orElse("(none)")
                + ", smtp_connect_timeout=" + smtpConnectTimeout
                + ", smtp_helo_name=" + smtpHeloName.orElse("(default)")
                + ", smtp_starttls=" + smtpStarttls
                + ", smtp_tls=" + smtpTls
                + ", smtp_tls_trust=" + smtpTlsTrust
                + ", smtp_username=" + smtpUsername.orElse("(none)")
                + ", smtp_password=" + smtpPassword.map(p -> Secret.MASK).orElse("(none)")
                + ", smtp_queue_size=" + smtpQueueSize
                + ", smtp_retries=" + smtpRetries
                + ", smtp_retry_backoff=" + smtpRetryBackoff
                + "]";
    }
}
