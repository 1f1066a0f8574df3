package io.spare.notify.mail;

/**
 * The mail notifier's counters. Every accepted mail is, at any time, exactly one of sent, dropped or
 * queued: {@code accepted = sent + dropped + queued}.
 *
 * @param sent mails the relay accepted
 * @param failedAttempts attempts that failed, retried or not
 * @param dropped mails given up: the queue was full, every retry failed, the relay refused them for
 *     good, or the notifier was closed before they went out
 * @param queued mails waiting or being sent now
 */
public record MailStatistics(long sent, long failedAttempts, long dropped, int queued) {
    public long accepted() {
        return sent + dropped + queued;
    }
}
