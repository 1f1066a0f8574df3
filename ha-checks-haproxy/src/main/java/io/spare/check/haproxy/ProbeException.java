package io.spare.check.haproxy;

/**
 * Asking HAProxy failed: no connection, no answer in time, or an answer that is not stats. The
 * message is for people and says what was asked where ({@code no answer to show info within 2s}).
 */
final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    private ProbeException(String message, boolean timeout) {
        super(message);
        this.timeout = timeout;
    }

    static ProbeException timeout(String message) {
        return new ProbeException(message, true);
    }

    static ProbeException failure(String message) {
        return new ProbeException(message, false);
    }

    /** Whether HAProxy did not answer in time (as opposed to refusing or answering wrongly). */
    boolean isTimeout() {
        return timeout;
    }
}
