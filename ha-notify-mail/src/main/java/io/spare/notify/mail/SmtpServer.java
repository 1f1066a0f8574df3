package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * {@code smtp_server}: the mail relay. Written {@code host}, {@code host:port}, {@code [v6addr]:port},
 * a bare IPv6 address, or keepalived's {@code host port}.
 *
 * @param host a host name or address literal, without brackets
 * @param port the port, if one was given
 */
record SmtpServer(String host, OptionalInt port) {
    static final int SMTP_PORT = 25;
    static final int SMTPS_PORT = 465;

    SmtpServer {
        requireNonNull(host, "host");
        requireNonNull(port, "port");
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    static SmtpServer parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("must be host[:port] (was empty)");
        }
        String[] words = trimmed.split("\\s+");
        if (words.length > 2) {
            throw new IllegalArgumentException("must be host[:port] or \"host port\" (was '" + text + "')");
        }
        if (words.length == 2) {
            return new SmtpServer(host(words[0], text), OptionalInt.of(port(words[1], text)));
        }
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("has '[' without ']' (was '" + text + "')");
            }
            String host = host(trimmed.substring(1, close), text);
            String rest = trimmed.substring(close + 1);
            if (rest.isEmpty()) {
                return new SmtpServer(host, OptionalInt.empty());
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("must be [address]:port (was '" + text + "')");
            }
            return new SmtpServer(host, OptionalInt.of(port(rest.substring(1), text)));
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0 || trimmed.indexOf(':', colon + 1) >= 0) {
            // No colon, or several: a bare IPv6 address, which cannot carry a port without brackets.
            return new SmtpServer(host(trimmed, text), OptionalInt.empty());
        }
        return new SmtpServer(host(trimmed.substring(0, colon), text), OptionalInt.of(port(trimmed.substring(colon + 1), text)));
    }

    /** The port to connect to: the given one, else 465 for implicit TLS and 25 otherwise. */
    int portOr(boolean implicitTls) {
        return port.orElse(implicitTls ? SMTPS_PORT : SMTP_PORT);
    }

    private static String host(String host, String text) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("has no host (was '" + text + "')");
        }
        if (host.contains("[") || host.contains("]") || host.contains("/")) {
            throw new IllegalArgumentException("has an invalid host '" + host + "' (was '" + text + "')");
        }
        return host;
    }

    private static int port(String port, String text) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("port must be 1..65535 (was '" + port + "' in '" + text + "')");
    }

    /** {@code host:port} as a person would write it, brackets around IPv6 literals. */
    String display(boolean implicitTls) {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return shown + ":" + portOr(implicitTls);
    }
}
