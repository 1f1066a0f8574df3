package io.spare.vrrp.codec;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A packet that is not a well-formed VRRP advertisement. The transport counts these per
 * {@link Reason} and rate-limits the log, so the message says what was wrong with the bytes.
 */
public final class MalformedAdvertisementException extends Exception {
    /** Why a packet was refused, named after keepalived's receive checks. */
    public enum Reason {
        /** Fewer bytes than the VRRP header or than its address count needs. */
        TRUNCATED,
        /** More bytes than header + addresses (+ auth data) beyond Ethernet padding. */
        LENGTH,
        /** The address count disagrees with the whole number of addresses present. */
        ADDRESS_COUNT,
        /** Version is neither 2 nor 3. */
        VERSION,
        /** VRRPv2 auth type other than 0 (none), 1 (PASS), 2 (AH). */
        AUTH_TYPE,
        /** Packet type other than 1 (ADVERTISEMENT). */
        TYPE,
        /** VRID 0. */
        VRID,
        /** Advert interval 0: no sender may emit it, and no timer can run on it. */
        INTERVAL,
        /** The VRRP checksum does not match. */
        CHECKSUM,
        /** The IPv4 header is not version 4 or its header length is impossible. */
        IP_HEADER,
        /** The IPv4 total length does not match the bytes received. */
        IP_LENGTH,
        /** The IP protocol is not 112 (VRRP). */
        PROTOCOL;

        /** The counter name: {@code checksum}, {@code ip_length}, ... */
        public String counterName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public MalformedAdvertisementException(Reason reason, String message) {
        super(requireNonNull(reason, "reason").counterName() + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
