package io.spare.vrrp.codec;

import java.util.Locale;

/**
 * Why a received packet was not handed to the instance. The first group mirrors
 * {@link MalformedAdvertisementException.Reason}; the rest are keepalived's checks against the
 * instance's configuration.
 */
public enum DropReason {
    TRUNCATED,
    LENGTH,
    ADDRESS_COUNT,
    VERSION,
    AUTH_TYPE,
    TYPE,
    VRID,
    CHECKSUM,
    IP_HEADER,
    IP_LENGTH,
    PROTOCOL,
    /** TTL / hop limit not 255 on a multicast instance. */
    TTL,
    /** Wrong PASS password (or AH, which is not verified). */
    AUTH,
    /** v2 interval differs from ours; v3 interval 0. */
    INTERVAL,
    /** Multicast destination on a unicast instance or the reverse. */
    DESTINATION,
    /** Unicast advert from an address that is not a configured peer. */
    SOURCE;

    public static DropReason of(MalformedAdvertisementException.Reason reason) {
        return valueOf(reason.name());
    }

    /** The counter name: {@code ttl}, {@code auth}, {@code checksum}, ... */
    public String counterName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
