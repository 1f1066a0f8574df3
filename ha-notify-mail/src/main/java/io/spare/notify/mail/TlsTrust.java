package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * {@code smtp_tls_trust}: which server certificates TLS accepts. {@code verify} (the default) checks
 * the chain against the JVM's trust store and the host name against the certificate; {@code all}
 * accepts any certificate (tests, throw-away relays); a list of hosts accepts any certificate from
 * those hosts only, e.g. a relay with a self-signed certificate on the LAN.
 *
 * @param trustAll accept every certificate
 * @param hosts accept any certificate from these hosts; empty with {@code trustAll} false means verify
 */
record TlsTrust(boolean trustAll, List<String> hosts) {
    static final TlsTrust VERIFY = new TlsTrust(false, List.of());

    TlsTrust {
        hosts = List.copyOf(requireNonNull(hosts, "hosts"));
    }

    /** Reads {@code verify}, {@code all}, or hosts separated by spaces or commas. */
    static TlsTrust parse(String text) {
        String trimmed = text.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "verify", "" -> {
                return VERIFY;
            }
            case "all", "*" -> {
                return new TlsTrust(true, List.of());
            }
            default -> {
                return new TlsTrust(false, List.of(trimmed.split("[\\s,]+")));
            }
        }
    }

    boolean verifies() {
        return !trustAll && hosts.isEmpty();
    }

    /** The value of Angus Mail's {@code mail.smtp.ssl.trust}, or null to verify. */
    String sslTrustProperty() {
        return trustAll ? "*" : hosts.isEmpty() ? null : String.join(" ", hosts);
    }

    @Override
    public String toString() {
        return trustAll ? "all" : hosts.isEmpty() ? "verify" : String.join(" ", hosts);
    }
}
