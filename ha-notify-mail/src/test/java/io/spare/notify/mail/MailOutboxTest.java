package io.spare.notify.mail;

import static io.spare.notify.mail.MailTesting.NOW;
import static io.spare.notify.mail.MailTesting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailOutboxTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A relay whose answer to each attempt the test decides. */
    private static final class ScriptedSender implements MailSender {
        final BlockingQueue<String> attempts = new LinkedBlockingQueue<>();
        final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean blockFirst;
        volatile MailDeliveryException failure;
        volatile int failuresLeft;

        @Override
        public List<String> send(OutgoingMail mail) throws MailDeliveryException {
            attempts.add(mail.about());
            if (blockFirst && mail.about().equals("mail 1")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MailDeliveryException("interrupted", false);
                }
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw failure;
            }
            delivered.add(mail.about());
            return List.of();
        }
    }

    /** Records the pauses instead of waiting them. */
    private static final class RecordingPause implements MailOutbox.Pause {
        final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean await(Duration delay, CountDownLatch closing) {
            pauses.add(delay);
            return closing.getCount() > 0;
        }
    }

    private final ScriptedSender sender = new ScriptedSender();
    private final RecordingPause pause = new RecordingPause();
    private MailOutbox outbox;

    @AfterEach
    void close() {
        sender.release.countDown();
        if (outbox != null) {
            outbox.close();
        }
    }

    private static OutgoingMail mail(int n) {
        return new OutgoingMail("mail " + n, "subject " + n, "body", NOW);
    }

    private MailOutbox outbox(int capacity, int retries) {
        outbox = new MailOutbox(capacity, retries, Duration.ofSeconds(5), Duration.ofSeconds(5), sender, pause);
        return outbox;
    }

    @Test
    void sendsInOrder() {
        MailOutbox outbox = outbox(10, 3);

        for (int i = 1; i <= 3; i++) {
            assertThat(outbox.offer(mail(i))).isTrue();
        }

        assertThat(eventually(WAIT, () -> outbox.statistics().sent() == 3)).isTrue();
        assertThat(sender.delivered).containsExactly("mail 1", "mail 2", "mail 3");
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(3, 0, 0, 0));
    }

    @Test
    void aFullQueueDropsTheOldestWaitingMail() throws Exception {
        sender.blockFirst = true;
        MailOutbox outbox = outbox(2, 0);
        outbox.offer(mail(1));
        assertThat(sender.attempts.poll(5, TimeUnit.SECONDS)).isEqualTo("mail 1"); // in flight, blocked

        for (int i = 2; i <= 5; i++) {
            assertThat(outbox.offer(mail(i))).isTrue();
        }
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(0, 0, 2, 3));
        sender.release.countDown();

        assertThat(eventually(WAIT, () -> outbox.statistics().sent() == 3)).isTrue();
        assertThat(sender.delivered).containsExactly("mail 1", "mail 4", "mail 5");
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(3, 0, 2, 0));
    }

    @Test
    void retriesWithDoublingBackoffThenSucceeds() {
        sender.failure = new MailDeliveryException("relay:25: connection refused", false);
        sender.failuresLeft = 2;
        MailOutbox outbox = outbox(10, 3);

        outbox.offer(mail(1));

        assertThat(eventually(WAIT, () -> outbox.statistics().sent() == 1)).isTrue();
        assertThat(pause.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(1, 2, 0, 0));
    }

    @Test
    void dropsTheMailAfterTheLastRetryAndGoesOnWithTheNext() {
        sender.failure = new MailDeliveryException("relay:25: connection refused", false);
        sender.failuresLeft = 4;
        MailOutbox outbox = outbox(10, 3);

        outbox.offer(mail(1));
        outbox.offer(mail(2));

        assertThat(eventually(WAIT, () -> outbox.statistics().sent() == 1)).isTrue();
        assertThat(pause.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(sender.delivered).containsExactly("mail 2");
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(1, 4, 1, 0));
    }

    @Test
    void aPermanentRefusalIsNotRetried() {
        sender.failure = new MailDeliveryException("relay:25: 550 no such user", true);
        sender.failuresLeft = 1;
        MailOutbox outbox = outbox(10, 3);

        outbox.offer(mail(1));
        outbox.offer(mail(2));

        assertThat(eventually(WAIT, () -> outbox.statistics().sent() == 1)).isTrue();
        assertThat(pause.pauses).isEmpty();
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(1, 1, 1, 0));
    }

    @Test
    void backoffDoublesUpToAnHour() {
        MailOutbox outbox = outbox(1, 100);

        assertThat(outbox.delayBefore(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.delayBefore(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(outbox.delayBefore(100)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void closeLetsWaitingMailsGoOutThenRefusesNewOnes() {
        MailOutbox outbox = outbox(10, 3);
        outbox.offer(mail(1));
        outbox.offer(mail(2));

        outbox.close();

        assertThat(sender.delivered).containsExactly("mail 1", "mail 2");
        assertThat(outbox.offer(mail(3))).isFalse();
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(2, 0, 1, 0));
    }

    @Test
    void closeIsBoundedWhenTheRelayHangsAndCountsTheUnsent() throws Exception {
        sender.blockFirst = true;
        outbox = new MailOutbox(10, 3, Duration.ofSeconds(5), Duration.ofMillis(100), sender, pause);
        outbox.offer(mail(1));
        assertThat(sender.attempts.poll(5, TimeUnit.SECONDS)).isEqualTo("mail 1");
        outbox.offer(mail(2));
        outbox.offer(mail(3));

        long start = System.nanoTime();
        try (LogCapture log = LogCapture.start()) {
            outbox.close();
            assertThat(log.text()).contains("mail notifier closed: 3 mail(s) left unsent (0 sent, 3 dropped, 1 failed attempts)");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // The interrupt frees the blocked send: it fails while closing and is not retried; the two
        // waiting mails are left unsent.
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(sender.delivered).isEmpty();
        assertThat(sender.attempts).isEmpty();
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(0, 1, 3, 0));
    }

    @Test
    void closeCutsARetryPauseShort() throws Exception {
        sender.failure = new MailDeliveryException("refused", false);
        sender.failuresLeft = 100;
        CountDownLatch pausing = new CountDownLatch(1);
        outbox = new MailOutbox(10, 3, Duration.ofHours(1), Duration.ofSeconds(5), sender, (delay, closing) -> {
            pausing.countDown();
            return MailOutbox.Pause.REAL.await(delay, closing);
        });
        outbox.offer(mail(1));
        assertThat(pausing.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        try (LogCapture log = LogCapture.start()) {
            outbox.close();
            assertThat(log.text()).contains("mail notifier closed: 1 mail(s) left unsent");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(outbox.statistics()).isEqualTo(new MailStatistics(0, 1, 1, 0));
    }

    @Test
    void accountsForEveryMail() {
        sender.failure = new MailDeliveryException("refused", false);
        sender.failuresLeft = 3;
        MailOutbox outbox = outbox(3, 1);
        for (int i = 1; i <= 20; i++) {
            outbox.offer(mail(i));
        }

        outbox.close();

        MailStatistics statistics = outbox.statistics();
        assertThat(statistics.accepted()).isEqualTo(20);
        assertThat(statistics.queued()).isZero();
    }
}
