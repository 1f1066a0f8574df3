package io.spare.notify.mail;

import static io.spare.notify.mail.MailTesting.CONTEXT;
import static io.spare.notify.mail.MailTesting.block;
import static io.spare.notify.mail.MailTesting.config;
import static io.spare.notify.mail.MailTesting.eventually;
import static io.spare.notify.mail.MailTesting.transition;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.spare.api.VrrpState;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mail notifier against real SMTP servers on loopback: GreenMail, and hand-made misbehaving ones. */
class SmtpNotifierIT {
    private static final String LOOPBACK = "127.0.0.1";
    private static final long WAIT_MS = 10_000;
    private static final String PASSWORD = "hunter2-secret";

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
                new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP), new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("spare", PASSWORD))
            .withPerMethodLifecycle(true);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final LogCapture log = LogCapture.start();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        log.close();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    private SmtpNotifier notifier(Map<String, Object> block) throws Exception {
        return closing((SmtpNotifier) new MailNotifierFactory().create(config(block), CONTEXT));
    }

    /**
     * Polls until {@code server} holds {@code count} mails. (GreenMail's waitForIncomingEmail counts
     * only mails that arrive after the call, and ours are usually faster than that.)
     */
    private static boolean received(GreenMailOperations server, int count) {
        return eventually(Duration.ofMillis(WAIT_MS), () -> server.getReceivedMessages().length >= count);
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList();
    }

    private static String body(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    @Test
    void eachTransitionIsOneMailInOrderToEveryRecipient() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + smtpPort()));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "master down timer expired"));
        notifier.notify(transition(VrrpState.MASTER, VrrpState.BACKUP, "higher priority advert from 10.99.0.2"));
        notifier.notify(transition(VrrpState.BACKUP, VrrpState.FAULT, "check chk_haproxy failed"));

        // GreenMail keeps one copy per recipient: 3 mails x 2 recipients.
        assertThat(received(greenMail, 6)).isTrue();
        assertThat(eventually(Duration.ofSeconds(5), () -> notifier.statistics().sent() == 3)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(6);
        assertThat(notifier.statistics()).isEqualTo(new MailStatistics(3, 0, 0, 0));

        for (MimeMessage message : received) {
            assertThat(recipients(message)).containsExactly("root@localhost", "ops@example.com");
            assertThat(message.getFrom()).extracting(Address::toString).containsExactly("soul@example.com");
        }
        // GreenMail lists mailbox by mailbox: each recipient got the three mails, in transition order.
        String master = "lb1 to be master: 192.168.80.114 floating";
        String backup = "lb1 to be backup: 192.168.80.114 floating";
        String fault = "lb1 to be fault: 192.168.80.114 floating";
        assertThat(received).extracting(MimeMessage::getSubject).containsExactly(master, backup, fault, master, backup, fault);
        List<MimeMessage> forRoot = Arrays.asList(received).subList(0, 3);
        assertThat(body(forRoot.get(0))).isEqualTo(MailTesting.MASTER_BODY);
        assertThat(body(forRoot.get(2))).startsWith("2026-11-24 20:30:05: vrrp transition, lb1 changed to be fault\n")
                .contains("transition: BACKUP -> FAULT\n", "reason: check chk_haproxy failed\n");
        assertThat(forRoot.get(0).getSentDate()).isEqualTo(java.util.Date.from(MailTesting.NOW));
    }

    @Test
    void templatesShapeSubjectAndBody() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + " " + smtpPort(),
                "smtp_subject", "[${router_id}] ${instance}: ${from} -> ${to}",
                "smtp_body", "${hostname} is ${state} for ${vip} at ${time} (priority ${priority}, $$0)"));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(received(greenMail, 2)).isTrue();
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("[LVS_DEVEL] VI_1: BACKUP -> MASTER");
        assertThat(body(message)).isEqualTo("lb1 is master for 192.168.80.114 at 2026-11-24 20:30:05 (priority 100, $0)");
    }

    @Test
    void implicitTlsWithAuthentication() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + greenMail.getSmtps().getPort(),
                "smtp_tls", true, "smtp_tls_trust", "all", "smtp_username", "spare", "smtp_password", PASSWORD));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(received(greenMail, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("lb1 to be master: 192.168.80.114 floating");
        assertThat(log.text()).doesNotContain(PASSWORD);
    }

    @Test
    void implicitTlsVerifiesTheCertificateByDefault() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + greenMail.getSmtps().getPort(), "smtp_tls", true, "smtp_retries", 0));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().dropped() == 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(log.text()).contains("dropped mail about instance VI_1 BACKUP -> MASTER").containsIgnoringCase("certificat");
    }

    @Test
    void wrongPasswordIsDroppedAndTheLogNeverShowsThePassword() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + greenMail.getSmtps().getPort(), "smtp_tls", true,
                "smtp_tls_trust", "all", "smtp_username", "spare", "smtp_password", "wrong-" + PASSWORD, "smtp_retries", 0));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().dropped() == 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(log.text()).contains("AuthenticationFailedException").doesNotContain(PASSWORD);
    }

    @Test
    void requiredStarttlsWithAuthenticationThroughAStarttlsFront() throws Exception {
        StartTlsFront front = new StartTlsFront(smtpPort());
        FakeSmtpServer server = closing(new FakeSmtpServer(front));
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + server.port(), "smtp_starttls", "required", "smtp_tls_trust", LOOPBACK,
                "smtp_username", "spare", "smtp_password", PASSWORD));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(received(greenMail, 2)).isTrue();
        assertThat(front.negotiated).isTrue();
        assertThat(front.beforeTls).containsExactly("EHLO lb1", "STARTTLS"); // keepalived's default: the host name
        assertThat(front.insideTls()).contains("AUTH ").contains("MAIL FROM:<soul@example.com>");
        assertThat(log.text()).doesNotContain(PASSWORD);
    }

    @Test
    void opportunisticStarttlsUsesTlsWhenOffered() throws Exception {
        StartTlsFront front = new StartTlsFront(smtpPort());
        FakeSmtpServer server = closing(new FakeSmtpServer(front));
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + server.port(), "smtp_starttls", "opportunistic", "smtp_tls_trust", "all",
                "smtp_helo_name", "lb1.example.com"));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(received(greenMail, 2)).isTrue();
        assertThat(front.negotiated).isTrue();
        assertThat(front.beforeTls).containsExactly("EHLO lb1.example.com", "STARTTLS");
        assertThat(front.insideTls()).startsWith("EHLO lb1.example.com\r\n");
    }

    @Test
    void opportunisticStarttlsSendsInClearWhenNotOffered() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + smtpPort(), "smtp_starttls", "opportunistic", "smtp_tls_trust", "all"));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(received(greenMail, 2)).isTrue();
    }

    @Test
    void requiredStarttlsSendsNothingToAServerWithoutIt() throws Exception {
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + smtpPort(), "smtp_starttls", "required", "smtp_tls_trust", "all",
                "smtp_retries", 0));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().dropped() == 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(log.text()).contains("STARTTLS");
    }

    @Test
    void aRelayDownDuringTheTransitionGetsTheMailAfterARetry() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            port = probe.getLocalPort();
        }
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + port, "smtp_retries", 10, "smtp_retry_backoff", "100ms"));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "master down timer expired"));
        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().failedAttempts() >= 1)).isTrue();
        GreenMail later = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        later.start();
        closing(later::stop);

        assertThat(received(later, 2)).isTrue();
        assertThat(later.getReceivedMessages()[0].getSubject()).isEqualTo("lb1 to be master: 192.168.80.114 floating");
        assertThat(eventually(Duration.ofSeconds(5), () -> notifier.statistics().sent() == 1)).isTrue();
        assertThat(notifier.statistics().dropped()).isZero();
        assertThat(log.text()).contains("attempt 1 of 11 failed, retrying in 100 ms");
    }

    @Test
    void aRelayThatNeverAnswersFailsAfterTheTimeoutWhileNotifyReturnsAtOnce() throws Exception {
        FakeSmtpServer silent = closing(FakeSmtpServer.silent());
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + silent.port(), "smtp_connect_timeout", "1s", "smtp_retries", 0));

        long start = System.nanoTime();
        for (VrrpState to : List.of(VrrpState.MASTER, VrrpState.BACKUP, VrrpState.FAULT)) {
            long before = System.nanoTime();
            notifier.notify(transition(VrrpState.BACKUP, to, "x"));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(50));
        }
        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().failedAttempts() >= 1)).isTrue();
        Duration firstFailure = Duration.ofNanos(System.nanoTime() - start);

        assertThat(firstFailure).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        assertThat(silent.accepted.get()).isGreaterThanOrEqualTo(1);
        assertThat(log.text()).contains("SocketTimeoutException");

        long closeStart = System.nanoTime();
        notifier.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(Duration.ofSeconds(4));
        assertThat(log.text()).containsPattern("mail notifier closed: \\d mail\\(s\\) left unsent");
        assertThat(notifier.statistics().accepted()).isEqualTo(3);
    }

    @Test
    void aRelayEchoingThePasswordStillCannotPutItInTheLog() throws Exception {
        FakeSmtpServer rude = closing(new FakeSmtpServer((client, server) -> {
            var in = client.getInputStream();
            var out = client.getOutputStream();
            FakeSmtpServer.write(out, "220 rude ESMTP");
            String line;
            while ((line = FakeSmtpServer.readLine(in)) != null) {
                if (line.startsWith("EHLO")) {
                    FakeSmtpServer.write(out, "250-rude", "250 AUTH LOGIN");
                } else if (line.startsWith("AUTH")) {
                    FakeSmtpServer.write(out, "535 5.7.8 password " + PASSWORD + " is wrong");
                } else {
                    FakeSmtpServer.write(out, "221 bye");
                    return;
                }
            }
        }));
        SmtpNotifier notifier = notifier(block(LOOPBACK + ":" + rude.port(), "smtp_username", "spare", "smtp_password", PASSWORD,
                "smtp_retries", 0));

        notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(eventually(Duration.ofSeconds(10), () -> notifier.statistics().dropped() == 1)).isTrue();
        assertThat(log.text()).contains("password **** is wrong").doesNotContain(PASSWORD);
    }
}
