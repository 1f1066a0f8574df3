package io.spare.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * VRRPv2 authentication. For {@link AuthType#PASS} the password is at most 8 bytes; keepalived
 * truncates longer ones to 8 and pads shorter ones with zero bytes on the wire.
 *
 * @param type none, PASS or AH
 * @param password the shared secret; empty for {@link AuthType#NONE}
 */
public record Authentication(AuthType type, String password) {
    public static final int PASSWORD_BYTES = 8;
    public static final Authentication NONE = new Authentication(AuthType.NONE, "");

    public Authentication {
        requireNonNull(type, "type");
        requireNonNull(password, "password");
        if (type == AuthType.NONE && !password.isEmpty()) {
            throw new IllegalArgumentException("auth type NONE takes no password");
        }
        if (password.getBytes(StandardCharsets.ISO_8859_1).length > PASSWORD_BYTES) {
            throw new IllegalArgumentException("a VRRP password has at most 8 bytes");
        }
    }

    public static Authentication pass(String password) {
        return new Authentication(AuthType.PASS, password);
    }

    /** The 8 auth-data bytes as they go on the wire: the password, zero-padded. */
    public byte[] wireBytes() {
        byte[] wire = new byte[PASSWORD_BYTES];
        byte[] pw = password.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(pw, 0, wire, 0, pw.length);
        return wire;
    }

    /** Never shows the password: records end up in logs. */
    @Override
    public String toString() {
        return type == AuthType.NONE ? "NONE" : type + "(****)";
    }
}
