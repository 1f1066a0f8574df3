package io.spare.vrrp.codec;

import static java.util.Objects.requireNonNull;

import io.spare.api.Advertisement;
import java.util.Optional;

/**
 * What {@link ReceivePolicy} decided about one packet: hand it to the instance (possibly with a
 * logged-only remark, as keepalived), report a version mismatch, or drop it for a reason.
 */
public final class ReceiveVerdict {
    /** The three things a receiver can do with a packet. */
    public enum Outcome {
        ACCEPT,
        /** A well-formed advert of the other VRRP version: {@code AdvertListener.onVersionMismatch}. */
        VERSION_MISMATCH,
        DROP
    }

    private final Outcome outcome;
    private final Advertisement advertisement;
    private final DropReason dropReason;
    private final String detail;
    private final int receivedVersion;
    private final boolean addressListMismatch;
    private final boolean intervalMismatch;
    private final boolean oldUnicastChecksum;

    private ReceiveVerdict(Outcome outcome, Advertisement advertisement, DropReason dropReason, String detail,
            int receivedVersion, boolean addressListMismatch, boolean intervalMismatch, boolean oldUnicastChecksum) {
        this.outcome = outcome;
        this.advertisement = advertisement;
        this.dropReason = dropReason;
        this.detail = detail;
        this.receivedVersion = receivedVersion;
        this.addressListMismatch = addressListMismatch;
        this.intervalMismatch = intervalMismatch;
        this.oldUnicastChecksum = oldUnicastChecksum;
    }

    static ReceiveVerdict accept(Advertisement advertisement, boolean addressListMismatch, boolean intervalMismatch) {
        return new ReceiveVerdict(Outcome.ACCEPT, requireNonNull(advertisement), null, "", advertisement.version(),
                addressListMismatch, intervalMismatch, false);
    }

    /** The same verdict for an advert whose v3 checksum used the multicast group instead of our address. */
    ReceiveVerdict withOldUnicastChecksum() {
        return new ReceiveVerdict(outcome, advertisement, dropReason, detail, receivedVersion, addressListMismatch, intervalMismatch,
                outcome == Outcome.ACCEPT);
    }

    static ReceiveVerdict versionMismatch(int version) {
        return new ReceiveVerdict(Outcome.VERSION_MISMATCH, null, DropReason.VERSION,
                "VRRP version " + version + " advert for a version " + (version == 2 ? 3 : 2) + " instance", version, false, false, false);
    }

    static ReceiveVerdict drop(DropReason reason, String detail) {
        return new ReceiveVerdict(Outcome.DROP, null, requireNonNull(reason), requireNonNull(detail), 0, false, false, false);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPT;
    }

    /** The advert, when accepted. */
    public Optional<Advertisement> advertisement() {
        return Optional.ofNullable(advertisement);
    }

    /** Why it was not accepted ({@link DropReason#VERSION} for a version mismatch). */
    public Optional<DropReason> dropReason() {
        return Optional.ofNullable(dropReason);
    }

    /** For the log: what exactly was wrong; empty when accepted. */
    public String detail() {
        return detail;
    }

    /** The version the sender speaks, for {@link Outcome#VERSION_MISMATCH}. */
    public int receivedVersion() {
        return receivedVersion;
    }

    /** Accepted although the VIP list differs from ours (keepalived 2.3.3+ only logs and counts it). */
    public boolean addressListMismatch() {
        return addressListMismatch;
    }

    /** Accepted v3 advert whose interval differs from ours (keepalived only logs it). */
    public boolean intervalMismatch() {
        return intervalMismatch;
    }

    /**
     * Accepted unicast v3 advert whose checksum covers 224.0.0.18 instead of the real destination,
     * as keepalived up to 1.3.6 (and {@code old_unicast_checksum}) computes it.
     */
    public boolean oldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case ACCEPT -> "ACCEPT " + advertisement + (addressListMismatch ? " (address list mismatch)" : "")
                    + (intervalMismatch ? " (interval mismatch)" : "") + (oldUnicastChecksum ? " (old unicast checksum)" : "");
            case VERSION_MISMATCH -> "VERSION_MISMATCH v" + receivedVersion;
            case DROP -> "DROP " + dropReason.counterName() + ": " + detail;
        };
    }
}
