package io.spare.check.haproxy;

/** HAProxy's answer is not what the command should produce (an error text, an HTML page, garbage). */
final class StatsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    StatsFormatException(String message) {
        super(message);
    }

    /** The start of an unexpected answer, on one line and short, for a message. */
    static String excerpt(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        String shortened = line.length() > 80 ? line.substring(0, 77) + "..." : line;
        return line.isEmpty() ? "an empty answer" : "'" + shortened + "'";
    }
}
