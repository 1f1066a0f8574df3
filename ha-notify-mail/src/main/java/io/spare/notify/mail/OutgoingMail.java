package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One mail, composed and waiting to be sent.
 *
 * @param about what it reports, for logs: {@code VI_1 BACKUP -> MASTER}
 * @param subject the subject line
 * @param body the plain-text body
 * @param date the Date header
 */
record OutgoingMail(String about, String subject, String body, Instant date) {
    OutgoingMail {
        requireNonNull(about, "about");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        requireNonNull(date, "date");
    }
}
