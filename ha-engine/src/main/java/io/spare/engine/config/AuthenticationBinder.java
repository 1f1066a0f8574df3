package io.spare.engine.config;

import io.spare.api.AuthType;
import io.spare.api.Authentication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Binds an instance's {@code authentication: {auth_type, auth_pass}} with keepalived's rules:
 * VRRPv2 only, a password for PASS and AH, at most 8 bytes of it used.
 */
final class AuthenticationBinder {
    static final List<String> KEYS = List.of("auth_type", "auth_pass");

    private final Diagnostics diagnostics;

    AuthenticationBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The instance's authentication; {@link Authentication#NONE} when absent or invalid (and reported). */
    Authentication bind(Section instance, int version) {
        if (!instance.has("authentication") || instance.get("authentication").get().isNull()) {
            return Authentication.NONE;
        }
        Section auth = Section.open(instance.get("authentication").get(), instance.path("authentication"), diagnostics, KEYS);
        auth.rejectUnknownKeys();
        Optional<AuthType> type = auth.has("auth_type") ? auth.enumeration("auth_type", AuthType.class) : missingAuthType(auth);
        Optional<String> password = auth.get("auth_pass").flatMap(node -> auth.scalars().string(node, auth.path("auth_pass")));
        if (type.isEmpty()) {
            return Authentication.NONE;
        }
        if (type.get() == AuthType.NONE) {
            if (password.isPresent()) {
                diagnostics.warning(auth.path("auth_pass"), "auth_pass ignored with auth_type NONE");
            }
            return Authentication.NONE;
        }
        if (version == 3) {
            diagnostics.error(auth.path("auth_type"), "VRRPv3 has no authentication (RFC 5798); remove it or use version: 2");
            return Authentication.NONE;
        }
        if (password.isEmpty() || password.get().isEmpty()) {
            if (auth.get("auth_pass").isEmpty()) {
                auth.missing("auth_pass");
            } else if (password.isPresent()) {
                diagnostics.error(auth.path("auth_pass"), "must not be empty");
            }
            return Authentication.NONE;
        }
        String secret = password.get();
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(secret)) {
            diagnostics.error(auth.path("auth_pass"), "must be ASCII or Latin-1 characters");
            return Authentication.NONE;
        }
        if (secret.length() > Authentication.PASSWORD_BYTES) {
            diagnostics.warning(auth.path("auth_pass"), "longer than " + Authentication.PASSWORD_BYTES
                    + " bytes; only the first " + Authentication.PASSWORD_BYTES + " are used (as keepalived)");
            secret = secret.substring(0, Authentication.PASSWORD_BYTES);
        }
        return new Authentication(type.get(), secret);
    }

    private Optional<AuthType> missingAuthType(Section auth) {
        auth.missing("auth_type");
        return Optional.empty();
    }
}
