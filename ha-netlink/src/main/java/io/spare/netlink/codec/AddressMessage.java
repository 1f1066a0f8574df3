package io.spare.netlink.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An address as rtnetlink reports it (RTM_NEWADDR / RTM_DELADDR): {@code ifaddrmsg} plus attributes.
 *
 * @param flags the IFA_F_* flags, from IFA_FLAGS when present (it carries the bits above 8)
 */
public record AddressMessage(
        int family, int prefixLength, int flags, int scope, int index, InetAddress address, Optional<String> label) {

    public boolean secondary() {
        return (flags & Rtnl.IFA_F_SECONDARY) != 0;
    }

    public boolean tentative() {
        return (flags & Rtnl.IFA_F_TENTATIVE) != 0;
    }

    /** Decodes an RTM_NEWADDR or RTM_DELADDR; empty for families other than IPv4 and IPv6. */
    public static Optional<AddressMessage> decode(NetlinkMessage message) {
        ByteBuffer body = message.bodyView();
        if (body.remaining() < 8) {
            throw new MalformedNetlinkException("ifaddrmsg of " + body.remaining() + " bytes, need 8");
        }
        int family = Byte.toUnsignedInt(body.get(0));
        int prefixLength = Byte.toUnsignedInt(body.get(1));
        int flags = Byte.toUnsignedInt(body.get(2));
        int scope = Byte.toUnsignedInt(body.get(3));
        int index = body.getInt(4);
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            return Optional.empty();
        }
        Attributes attributes = Attributes.parse(body.position(8));
        // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links.
        byte[] raw = attributes.bytes(Rtnl.IFA_LOCAL).or(() -> attributes.bytes(Rtnl.IFA_ADDRESS))
                .orElseThrow(() -> new MalformedNetlinkException("address message without IFA_LOCAL or IFA_ADDRESS"));
        int expected = family == Rtnl.AF_INET ? 4 : 16;
        if (raw.length != expected) {
            throw new MalformedNetlinkException("address of " + raw.length + " bytes for family " + family);
        }
        flags = attributes.u32(Rtnl.IFA_FLAGS).orElse(flags);
        return Optional.of(new AddressMessage(family, prefixLength, flags, scope, index, toAddress(raw, family, scope, index),
                attributes.string(Rtnl.IFA_LABEL)));
    }

    private static InetAddress toAddress(byte[] raw, int family, int scope, int index) {
        try {
            if (family == Rtnl.AF_INET6 && raw[0] == (byte) 0xfe && (raw[1] & 0xc0) == 0x80) {
                // link-local: only meaningful with its interface
                return Inet6Address.getByAddress(null, raw, index);
            }
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new MalformedNetlinkException("bad address length " + raw.length);
        }
    }
}
