package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

/** A password. Its {@link #toString()} is {@code ****}, so it never reaches a log or an error. */
final class Secret {
    static final String MASK = "****";

    private final String value;

    Secret(String value) {
        this.value = requireNonNull(value, "value");
    }

    String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the secret replaced by {@code ****}. */
    String maskIn(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
