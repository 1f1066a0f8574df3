package io.spare.notify.mail;

import java.util.List;

/** Hands one mail to the relay. One attempt, no retries: {@link MailOutbox} retries. */
@FunctionalInterface
interface MailSender {
    /**
     * Sends {@code mail}, blocking up to the configured timeouts.
     *
     * @return the recipients the relay refused while accepting the others; empty normally
     * @throws MailDeliveryException when no recipient got it
     */
    List<String> send(OutgoingMail mail) throws MailDeliveryException;
}
