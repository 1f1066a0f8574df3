package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A link as rtnetlink reports it (RTM_NEWLINK / RTM_DELLINK): {@code ifinfomsg} plus the attributes we use.
 *
 * @param mac the hardware address; empty for links without one (tunnels)
 * @param operState the IF_OPER_* value; IF_OPER_UNKNOWN when absent
 * @param kind IFLA_INFO_KIND ({@code veth}, {@code macvlan}); empty for plain devices
 * @param inetConf the IPv4 devconf values ({@code net.ipv4.conf.NAME.*}), at {@code IPV4_DEVCONF_* - 1};
 *     empty when the kernel sent none
 */
public record LinkMessage(
        int index, int flags, String name, Optional<byte[]> mac, int mtu, int operState, Optional<String> kind,
        List<Integer> inetConf) {

    public LinkMessage {
        inetConf = List.copyOf(inetConf);
    }

    /** One IPv4 devconf value, by its {@code IPV4_DEVCONF_*} number, e.g. {@link Rtnl#IPV4_DEVCONF_ARP_IGNORE}. */
    public OptionalInt inetConf(int devconf) {
        return devconf >= 1 && devconf <= inetConf.size() ? OptionalInt.of(inetConf.get(devconf - 1)) : OptionalInt.empty();
    }

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
                attributes.nested(Rtnl.IFLA_LINKINFO).flatMap(info -> info.string(Rtnl.IFLA_INFO_KIND)),
                attributes.nested(Rtnl.IFLA_AF_SPEC)
                        .flatMap(spec -> spec.nested(Rtnl.AF_INET))
                        .flatMap(inet -> inet.u32s(Rtnl.IFLA_INET_CONF))
                        .orElse(List.of()));
    }
}
