package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A link as rtnetlink reports it (RTM_NEWLINK / RTM_DELLINK): {@code ifinfomsg} plus the attributes we use.
 *
 * @param mac the hardware address; empty for links without one (tunnels)
 * @param operState the IF_OPER_* value; IF_OPER_UNKNOWN when absent
 * @param kind IFLA_INFO_KIND ({@code veth}, {@code macvlan}); empty for plain devices
 */
public record LinkMessage(
        int index, int flags, String name, Optional<byte[]> mac, int mtu, int operState, Optional<String> kind) {

    /** Up as keepalived sees it: administratively up and the operational state UP, or UNKNOWN (no carrier reporting). */
    public boolean up() {
        return (flags & Rtnl.IFF_UP) != 0 && (operState == Rtnl.IF_OPER_UP || operState == Rtnl.IF_OPER_UNKNOWN);
    }

    public String macText() {
        return mac.map(MacAddress::format).orElse("");
    }

    public static LinkMessage decode(NetlinkMessage message) {
        ByteBuffer body = message.bodyView();
        if (body.remaining() < 16) {
            throw new MalformedNetlinkException("ifinfomsg of " + body.remaining() + " bytes, need 16");
        }
        int index = body.getInt(4);
        int flags = body.getInt(8);
        Attributes attributes = Attributes.parse(body.position(16));
        String name = attributes.string(Rtnl.IFLA_IFNAME).orElse("if" + index);
        return new LinkMessage(
                index,
                flags,
                name,
                attributes.bytes(Rtnl.IFLA_ADDRESS),
                attributes.u32(Rtnl.IFLA_MTU).orElse(0),
                attributes.u8(Rtnl.IFLA_OPERSTATE).orElse(Rtnl.IF_OPER_UNKNOWN),
                attributes.nested(Rtnl.IFLA_LINKINFO).flatMap(info -> info.string(Rtnl.IFLA_INFO_KIND)));
    }
}
