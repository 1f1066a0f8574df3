package io.spare.api;

import java.util.Locale;

/** The scope of an address, as {@code ip addr add ... scope} and rtnetlink's {@code ifa_scope}. */
public enum AddressScope {
    GLOBAL(0),
    SITE(200),
    LINK(253),
    HOST(254),
    NOWHERE(255);

    private final int code;

    AddressScope(int code) {
        this.code = code;
    }

    /** The rtnetlink {@code RT_SCOPE_*} value. */
    public int code() {
        return code;
    }

    /** The name {@code ip} and {@code spare.yaml} use: {@code global}, {@code link}, ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
