package io.spare.notify.mail;

import static io.spare.notify.mail.MailTesting.CONTEXT;
import static io.spare.notify.mail.MailTesting.block;
import static io.spare.notify.mail.MailTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.ConfigProblem;
import io.spare.api.Notifier;
import io.spare.api.PluginConfigException;
import io.spare.api.testing.TestingPluginConfig;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailSettingsTest {
    private static MailSettings settings(TestingPluginConfig config) throws PluginConfigException {
        return MailSettings.validate(config.bind(MailConfig.class), config, CONTEXT);
    }

    private static List<ConfigProblem> problems(Map<String, Object> values) {
        try {
            Notifier notifier = new MailNotifierFactory().create(config(values), CONTEXT);
            throw new AssertionError("expected a PluginConfigException, got " + notifier);
        } catch (PluginConfigException e) {
            return e.problems();
        }
    }

    @Test
    void defaultsAsKeepalivedWithSpareSender() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("notification_email", List.of("root@localhost"));
        values.put("smtp_server", "127.0.0.1");
        TestingPluginConfig config = config(values);

        MailSettings settings = settings(config);

        assertThat(settings.recipients()).containsExactly(new InternetAddress("root@localhost"));
        assertThat(settings.from()).isEqualTo(new InternetAddress("spare@lb1"));
        assertThat(settings.server()).isEqualTo(new SmtpServer("127.0.0.1", OptionalInt.empty()));
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.heloName()).isEqualTo("lb1");
        assertThat(settings.startTls()).isEqualTo(StartTls.OFF);
        assertThat(settings.implicitTls()).isFalse();
        assertThat(settings.trust()).isEqualTo(TlsTrust.VERIFY);
        assertThat(settings.username()).isEmpty();
        assertThat(settings.password()).isEmpty();
        assertThat(settings.subject().source()).isEqualTo(MailComposer.DEFAULT_SUBJECT);
        assertThat(settings.body().source()).isEqualTo(MailComposer.DEFAULT_BODY);
        assertThat(settings.queueSize()).isEqualTo(100);
        assertThat(settings.retries()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void mapsEveryKey() throws Exception {
        TestingPluginConfig config = config(block("[fd99::25]:2465",
                "smtp_connect_timeout", "1.5s",
                "smtp_helo_name", "lb1.example.com",
                "smtp_tls", true,
                "smtp_tls_trust", "fd99::25, relay.example.com",
                "smtp_username", "spare",
                "smtp_password", "s3cret-pw",
                "smtp_subject", "[${router_id}] ${state}",
                "smtp_body", "${reason}",
                "smtp_queue_size", 7,
                "smtp_retries", 0,
                "smtp_retry_backoff", "250ms",
                "smtp_alert", true));

        MailSettings settings = settings(config);

        assertThat(settings.recipients()).extracting(InternetAddress::getAddress).containsExactly("root@localhost", "ops@example.com");
        assertThat(settings.from().getAddress()).isEqualTo("soul@example.com");
        assertThat(settings.server()).isEqualTo(new SmtpServer("fd99::25", OptionalInt.of(2465)));
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.heloName()).isEqualTo("lb1.example.com");
        assertThat(settings.implicitTls()).isTrue();
        assertThat(settings.trust()).isEqualTo(new TlsTrust(false, List.of("fd99::25", "relay.example.com")));
        assertThat(settings.username()).contains("spare");
        assertThat(settings.password().map(Secret::reveal)).contains("s3cret-pw");
        assertThat(settings.subject().source()).isEqualTo("[${router_id}] ${state}");
        assertThat(settings.body().source()).isEqualTo("${reason}");
        assertThat(settings.queueSize()).isEqualTo(7);
        assertThat(settings.retries()).isZero();
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void starttlsSpellings() throws Exception {
        assertThat(settings(config(block("h", "smtp_starttls", "opportunistic"))).startTls()).isEqualTo(StartTls.OPPORTUNISTIC);
        assertThat(settings(config(block("h", "smtp_starttls", "Required"))).startTls()).isEqualTo(StartTls.REQUIRED);
        // YAML 1.1 reads "off" as false, and the engine hands a boolean on as its text.
        assertThat(settings(config(block("h", "smtp_starttls", false))).startTls()).isEqualTo(StartTls.OFF);
        assertThat(settings(config(block("h", "smtp_starttls", "off"))).startTls()).isEqualTo(StartTls.OFF);
        assertThat(settings(config(block("h", "smtp_tls", true))).port()).isEqualTo(465);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("notification_email", List.of("root@localhost", "not an address"));
        values.put("notification_email_from", "@nowhere");
        values.put("smtp_server", "relay:70000");
        values.put("smtp_connect_timeout", "0s");
        values.put("smtp_helo_name", "two words");
        values.put("smtp_starttls", "sometimes");
        values.put("smtp_username", "spare");
        values.put("smtp_subject", "${hostname} is ${sate}");
        values.put("smtp_body", "${time");
        values.put("smtp_queue_size", 0);
        values.put("smtp_retries", -1);
        values.put("smtp_retry_backoff", "2h");

        List<ConfigProblem> problems = problems(values);

        assertThat(problems).extracting(ConfigProblem::key).containsExactly(
                "notification_email[1]", "notification_email_from", "smtp_server", "smtp_connect_timeout", "smtp_helo_name",
                "smtp_starttls", "smtp_password", "smtp_subject", "smtp_body", "smtp_queue_size", "smtp_retries",
                "smtp_retry_backoff");
        assertThat(problems).extracting(ConfigProblem::message).contains(
                "port must be 1..65535 (was '70000' in 'relay:70000')",
                "must be more than 0 .. 1h (was 0s)",
                "must be off, opportunistic or required (was sometimes)",
                "missing: smtp_username needs a password",
                "must be 1..100000 (was 0)",
                "must be 0..100 (was -1)",
                "must be 0 .. 1h (was 7200s)");
        assertThat(problems.get(7).message()).startsWith("unknown placeholder ${sate}; known: from, group, hostname, instance,");
    }

    @Test
    void recipientsAndServerAreRequired() {
        List<ConfigProblem> problems = problems(new LinkedHashMap<>());

        assertThat(problems).extracting(ConfigProblem::key).containsExactly("notification_email", "smtp_server");
        assertThat(problems.get(0).message()).isEqualTo("must list at least one recipient");
    }

    @Test
    void anUnknownKeyIsAnErrorWithAHint() {
        List<ConfigProblem> problems = problems(block("h", "smtp_conect_timeout", "5s"));

        assertThat(problems).containsExactly(new ConfigProblem("smtp_conect_timeout", "unknown key (did you mean 'smtp_connect_timeout'?)"));
    }

    @Test
    void smtpAlertIsTheEnginesKeyAndAccepted() throws Exception {
        TestingPluginConfig config = config(block("h", "smtp_alert", false));

        settings(config);

        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void tlsAndStarttlsExcludeEachOther() {
        assertThat(problems(block("h", "smtp_tls", true, "smtp_starttls", "required")))
                .containsExactly(new ConfigProblem("smtp_starttls",
                        "must be off with smtp_tls: true (the connection is TLS from the start; was required)"));
    }

    @Test
    void warnsWhereTheSettingsWorkAgainstTheUser() throws Exception {
        TestingPluginConfig config = config(block("relay", "smtp_username", "u", "smtp_password", "p", "smtp_tls_trust", "other",
                "smtp_alert_vrrp", true));

        settings(config);

        assertThat(config.warnings()).extracting(ConfigProblem::key)
                .containsExactly("smtp_tls_trust", "smtp_tls_trust", "smtp_password", "smtp_alert_vrrp");
        assertThat(config.warnings().get(2).message()).isEqualTo("may be sent in clear text: set smtp_starttls: required or smtp_tls: true");
    }

    @Test
    void thePasswordIsMaskedInEveryToStringAndError() throws Exception {
        TestingPluginConfig config = config(block("relay", "smtp_username", "spare", "smtp_password", "hunter2-secret",
                "smtp_starttls", "required"));
        MailSettings settings = settings(config);
        Notifier notifier = new MailNotifierFactory().create(config, CONTEXT);

        assertThat(config.bind(MailConfig.class).toString()).contains("smtp_password=****").doesNotContain("hunter2");
        assertThat(settings.toString()).contains("password=****").doesNotContain("hunter2");
        assertThat(notifier.toString()).contains("password=****").doesNotContain("hunter2");
        assertThat(new SmtpMailSender(settings).toString()).doesNotContain("hunter2");
        assertThat(SmtpMailSender.properties(settings).toString()).doesNotContain("hunter2");
        assertThat(settings.password().map(Secret::toString)).contains("****");

        List<ConfigProblem> typeError = problems(block("relay", "smtp_username", "spare", "smtp_password", Map.of("hunter2", 1)));
        assertThat(typeError).containsExactly(new ConfigProblem("smtp_password", "must be a string (value hidden)"));
        notifier.close();
    }

    @Test
    void sessionPropertiesSetEveryTimeoutAndTheTlsMode() throws Exception {
        MailSettings plain = settings(config(block("relay:2525", "smtp_connect_timeout", "2s", "smtp_helo_name", "me.example")));
        Properties properties = SmtpMailSender.properties(plain);

        assertThat(properties).containsEntry("mail.smtp.host", "relay").containsEntry("mail.smtp.port", "2525")
                .containsEntry("mail.smtp.connectiontimeout", "2000").containsEntry("mail.smtp.timeout", "2000")
                .containsEntry("mail.smtp.writetimeout", "2000").containsEntry("mail.smtp.localhost", "me.example")
                .containsEntry("mail.smtp.from", "soul@example.com").containsEntry("mail.smtp.auth", "false")
                .containsEntry("mail.smtp.starttls.enable", "false").containsEntry("mail.smtp.ssl.enable", "false")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").doesNotContainKey("mail.smtp.ssl.trust");

        Properties required = SmtpMailSender.properties(settings(config(block("relay", "smtp_starttls", "required",
                "smtp_tls_trust", "all", "smtp_username", "u", "smtp_password", "p"))));
        assertThat(required).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.trust", "*").containsEntry("mail.smtp.ssl.checkserveridentity", "false")
                .containsEntry("mail.smtp.auth", "true");

        Properties opportunistic = SmtpMailSender.properties(settings(config(block("relay", "smtp_starttls", "opportunistic"))));
        assertThat(opportunistic).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "false");

        Properties smtps = SmtpMailSender.properties(settings(config(block("relay", "smtp_tls", true, "smtp_tls_trust", "relay"))));
        assertThat(smtps).containsEntry("mail.smtp.ssl.enable", "true").containsEntry("mail.smtp.port", "465")
                .containsEntry("mail.smtp.ssl.trust", "relay");
    }

    @Test
    void theFactoryIsNamedMailAndOpensNothing() throws Exception {
        MailNotifierFactory factory = new MailNotifierFactory();
        Notifier notifier = factory.create(config(block("127.0.0.1:1")), CONTEXT);

        assertThat(factory.name()).isEqualTo("mail");
        assertThat(notifier.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(((SmtpNotifier) notifier).statistics()).isEqualTo(new MailStatistics(0, 0, 0, 0));
        notifier.close();
    }
}
