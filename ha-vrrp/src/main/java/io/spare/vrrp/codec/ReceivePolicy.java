package io.spare.vrrp.codec;

import static java.util.Objects.requireNonNull;

import io.spare.api.Advertisement;
import io.spare.api.AuthType;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * keepalived's receive checks ({@code vrrp_check_packet}) for one instance, pure: given the bytes,
 * the addresses and the TTL / hop limit, decide whether the instance sees the advert. The order
 * follows keepalived so that a packet with two faults is counted under the same reason: length,
 * TTL, version, auth type, password, v2 interval, packet type, checksum, destination kind, VIP list,
 * unicast source.
 */
public final class ReceivePolicy {
    /** TTL / hop limit every multicast VRRP packet must carry. */
    public static final int REQUIRED_TTL = 255;
    private static final InetAddress IPV4_GROUP = group();

    private final ChannelSpec spec;
    private final byte[] password;
    private final Set<InetAddress> virtualAddresses;
    private final int configuredCount;
    private final Set<InetAddress> peers;
    private final long intervalMillis;

    public ReceivePolicy(ChannelSpec spec) {
        this.spec = requireNonNull(spec, "spec");
        this.password = spec.authentication().wireBytes();
        this.virtualAddresses = new HashSet<>();
        int count = 0;
        for (VirtualAddress vip : spec.virtualAddresses()) {
            // keepalived compares the advert with the VIPs of the instance's family only.
            if (vip.family() == spec.family()) {
                virtualAddresses.add(vip.address());
                count++;
            }
        }
        this.configuredCount = count;
        this.peers = Set.copyOf(spec.unicastPeers());
        this.intervalMillis = spec.advertInterval().toMillis();
    }

    public ChannelSpec spec() {
        return spec;
    }

    /**
     * Decodes and checks one VRRP message.
     *
     * @param vrrp the VRRP message (IP header already removed), position to limit
     * @param source the IP source
     * @param destination the IP destination (multicast group or our unicast address)
     * @param ttl the IPv4 TTL or IPv6 hop limit; -1 when unknown (then not checked, as keepalived)
     */
    public ReceiveVerdict check(ByteBuffer vrrp, InetAddress source, InetAddress destination, int ttl) {
        Advertisement advertisement;
        try {
            advertisement = VrrpCodec.decode(vrrp, source, destination);
        } catch (MalformedAdvertisementException e) {
            if (e.reason() == MalformedAdvertisementException.Reason.CHECKSUM && oldUnicastChecksumPossible(source, destination)) {
                ReceiveVerdict old = checkOldUnicastChecksum(vrrp, source, destination, ttl);
                if (old != null) {
                    return old;
                }
            }
            return malformed(e, vrrp, ttl);
        }
        return check(advertisement, source, destination, ttl);
    }

    private boolean oldUnicastChecksumPossible(InetAddress source, InetAddress destination) {
        return spec.unicast() && spec.version() == 3 && source instanceof Inet4Address && !destination.isMulticastAddress();
    }

    /** keepalived's compatibility with senders that put the multicast group in the pseudo-header when unicasting. */
    private ReceiveVerdict checkOldUnicastChecksum(ByteBuffer vrrp, InetAddress source, InetAddress destination, int ttl) {
        Advertisement advertisement;
        try {
            advertisement = VrrpCodec.decode(vrrp, source, IPV4_GROUP);
        } catch (MalformedAdvertisementException stillBad) {
            return null;
        }
        return check(advertisement, source, destination, ttl).withOldUnicastChecksum();
    }

    /** Checks an advert that decoded cleanly. */
    public ReceiveVerdict check(Advertisement advertisement, InetAddress source, InetAddress destination, int ttl) {
        if (ttlRefused(ttl)) {
            return ttlDrop(ttl);
        }
        if (advertisement.version() != spec.version()) {
            return ReceiveVerdict.versionMismatch(advertisement.version());
        }
        if (advertisement.vrid() != spec.vrid()) {
            return ReceiveVerdict.drop(DropReason.VRID, "VRID " + advertisement.vrid() + " is not ours (" + spec.vrid() + ")");
        }
        if (advertisement.version() == 2) {
            ReceiveVerdict authVerdict = checkV2(advertisement);
            if (authVerdict != null) {
                return authVerdict;
            }
        }
        boolean intervalMismatch = false;
        if (advertisement.version() == 3) {
            long millis = advertisement.advertInterval().toMillis();
            if (millis == 0) {
                // keepalived would adopt it; a zero interval can only spin a backup's timer.
                return ReceiveVerdict.drop(DropReason.INTERVAL, "advert interval 0");
            }
            intervalMismatch = millis != intervalMillis;
        }
        if (destination.isMulticastAddress() == spec.unicast()) {
            return ReceiveVerdict.drop(DropReason.DESTINATION, "expected " + (spec.unicast() ? "unicast" : "multicast")
                    + " but received " + (spec.unicast() ? "multicast" : "unicast") + " to " + destination.getHostAddress());
        }
        boolean addressListMismatch = addressListDiffers(advertisement.addresses());
        if (spec.unicast() && !peers.contains(source)) {
            return ReceiveVerdict.drop(DropReason.SOURCE, source.getHostAddress() + " is not a unicast_peer");
        }
        return ReceiveVerdict.accept(advertisement, addressListMismatch, intervalMismatch);
    }

    private ReceiveVerdict checkV2(Advertisement advertisement) {
        AuthType received = advertisement.authentication().type();
        AuthType configured = spec.authentication().type();
        if (received != configured) {
            return ReceiveVerdict.drop(DropReason.AUTH_TYPE, "auth type " + received + ", expecting " + configured);
        }
        if (configured == AuthType.PASS
                && !MessageDigest.isEqual(advertisement.authentication().wireBytes(), password)) {
            return ReceiveVerdict.drop(DropReason.AUTH, "invalid password");
        }
        if (configured == AuthType.AH) {
            return ReceiveVerdict.drop(DropReason.AUTH, "IPsec AH adverts are not verified by Spare");
        }
        long millis = advertisement.advertInterval().toMillis();
        if (millis != intervalMillis) {
            return ReceiveVerdict.drop(DropReason.INTERVAL, "advertisement interval mismatch: mine=" + intervalMillis / 1000
                    + " sec rcv'd=" + millis / 1000 + " sec");
        }
        return null;
    }

    private boolean addressListDiffers(List<InetAddress> received) {
        if (received.size() != configuredCount) {
            return true;
        }
        if (configuredCount == 0) {
            return false;
        }
        int found = 0;
        for (InetAddress address : received) {
            if (virtualAddresses.contains(address)) {
                found++;
            }
        }
        return found != configuredCount;
    }

    private ReceiveVerdict malformed(MalformedAdvertisementException e, ByteBuffer vrrp, int ttl) {
        MalformedAdvertisementException.Reason reason = e.reason();
        boolean lengthFault = reason == MalformedAdvertisementException.Reason.TRUNCATED
                || reason == MalformedAdvertisementException.Reason.LENGTH
                || reason == MalformedAdvertisementException.Reason.ADDRESS_COUNT;
        if (!lengthFault) {
            if (ttlRefused(ttl)) {
                return ttlDrop(ttl);
            }
            int version = (vrrp.get(vrrp.position()) & 0xFF) >>> 4;
            if ((version == 2 || version == 3) && version != spec.version()) {
                return ReceiveVerdict.versionMismatch(version);
            }
        }
        return ReceiveVerdict.drop(DropReason.of(reason), e.getMessage());
    }

    private boolean ttlRefused(int ttl) {
        return !spec.unicast() && ttl != -1 && ttl != REQUIRED_TTL;
    }

    private static InetAddress group() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 18});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static ReceiveVerdict ttlDrop(int ttl) {
        return ReceiveVerdict.drop(DropReason.TTL, "TTL/hop limit " + ttl + ", expected 255");
    }
}
