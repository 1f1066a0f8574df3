package io.spare.notify.mail;

/**
 * An attempt to send a mail failed. The message is fit for the log: secrets already masked.
 * {@link #permanent()} failures (the relay said 5xx to the sender or recipients) are not retried.
 */
final class MailDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    MailDeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
