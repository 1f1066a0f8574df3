package io.spare.notify.mail;

import java.util.Locale;
import java.util.Optional;

/** {@code smtp_starttls}: whether a plain SMTP connection is upgraded with STARTTLS. */
enum StartTls {
    /** Never; the mail travels in clear text. */
    OFF,
    /** When the server offers it; otherwise in clear text. */
    OPPORTUNISTIC,
    /** Always; a server that does not offer it gets no mail. */
    REQUIRED;

    /**
     * Reads the YAML value. YAML 1.1 readers turn {@code off}/{@code no} into booleans, so the
     * boolean spellings are accepted too; {@code true} means {@code required}, the safe reading.
     */
    static Optional<StartTls> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "no", "none" -> Optional.of(OFF);
            case "opportunistic", "optional", "auto" -> Optional.of(OPPORTUNISTIC);
            case "required", "true", "yes", "on" -> Optional.of(REQUIRED);
            default -> Optional.empty();
        };
    }

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
