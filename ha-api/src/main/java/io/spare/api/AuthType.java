package io.spare.api;

/** VRRPv2 authentication types (RFC 2338 / keepalived {@code auth_type}); v3 has none. */
public enum AuthType {
    NONE(0),
    PASS(1),
    AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    /** The value of the advert's auth-type byte. */
    public int code() {
        return code;
    }
}
