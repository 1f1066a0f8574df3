package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import java.time.Duration;

/**
 * keepalived's SMTP alert: one mail per transition to {@code notification_email}. {@link #notify}
 * composes the mail and queues it; a sender thread of its own delivers it with retries, so a slow or
 * dead relay never delays the engine.
 */
public final class SmtpNotifier implements Notifier {
    /** notify() only queues, so it needs next to no time. */
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(1);
    /** How long close() lets pending mails (notify_stop's, typically) go out, at most. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(10);

    private final MailSettings settings;
    private final MailComposer composer;
    private final MailOutbox outbox;

    SmtpNotifier(MailSettings settings, MailComposer composer, MailOutbox outbox) {
        this.settings = requireNonNull(settings, "settings");
        this.composer = requireNonNull(composer, "composer");
        this.outbox = requireNonNull(outbox, "outbox");
    }

    /** Queues the mail for {@code transition} and returns at once. */
    @Override
    public void notify(StateTransition transition) {
        outbox.offer(composer.compose(transition));
    }

    @Override
    public Duration timeout() {
        return NOTIFY_TIMEOUT;
    }

    /** Sent, failed attempts, dropped and queued mails so far. */
    public MailStatistics statistics() {
        return outbox.statistics();
    }

    /** Lets pending mails go out for a bounded time, then stops the sender thread. */
    @Override
    public void close() {
        outbox.close();
    }

    /** How long {@link #close()} waits for pending mails: one connection timeout, at most 10 s. */
    static Duration drainTimeout(MailSettings settings) {
        return settings.timeout().compareTo(MAX_DRAIN) < 0 ? settings.timeout() : MAX_DRAIN;
    }

    @Override
    public String toString() {
        return "SmtpNotifier[" + settings + "]";
    }
}
