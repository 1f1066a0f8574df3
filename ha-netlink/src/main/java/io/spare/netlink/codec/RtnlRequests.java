package io.spare.netlink.codec;

import io.spare.api.VirtualAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes the rtnetlink requests this module sends. The attribute order follows iproute2's, so
 * the bytes can be compared with what {@code ip} sends (see the golden tests).
 */
public final class RtnlRequests {
    private static final int NEW = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_EXCL | Rtnl.NLM_F_CREATE;
    private static final int CHANGE = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK;

    private RtnlRequests() {}

    /**
     * RTM_NEWADDR for a VIP, as {@code ip addr add ADDR/LEN dev DEV [label L] [scope S]} (plus
     * {@code nodad} for IPv6, as keepalived: a VIP is used at once, and the MASTER must not lose it
     * to duplicate address detection against the node it takes over from).
     */
    public static byte[] newAddress(int seq, int index, VirtualAddress address) {
        return address(Rtnl.RTM_NEWADDR, NEW, seq, index, address, true);
    }

    /** RTM_DELADDR for a VIP, as {@code ip addr del ADDR/LEN dev DEV}. */
    public static byte[] deleteAddress(int seq, int index, VirtualAddress address) {
        return address(Rtnl.RTM_DELADDR, CHANGE, seq, index, address, false);
    }

    private static byte[] address(int type, int flags, int seq, int index, VirtualAddress address, boolean adding) {
        Optional<String> label = adding ? address.label() : Optional.empty();
        return address(type, flags, seq, index, address.address(), address.prefixLength(), adding ? address.scope().code() : 0, label, adding);
    }

    /**
     * RTM_NEWADDR from its parts: IFA_LOCAL and IFA_ADDRESS both the address (no peer), IFA_LABEL for
     * IPv4 only (the kernel has no IPv6 labels; keepalived ignores them too).
     */
    public static byte[] newAddress(int seq, int index, InetAddress address, int prefixLength, int scope, Optional<String> label) {
        return address(Rtnl.RTM_NEWADDR, NEW, seq, index, address, prefixLength, scope, label, true);
    }

    private static byte[] address(int type, int flags, int seq, int index, InetAddress address, int prefixLength, int scope,
            Optional<String> label, boolean adding) {
        boolean ipv6 = address instanceof Inet6Address;
        byte[] raw = address.getAddress();
        NetlinkWriter writer = new NetlinkWriter(type, flags, seq)
                .u8(ipv6 ? Rtnl.AF_INET6 : Rtnl.AF_INET)
                .u8(prefixLength)
                .u8(adding && ipv6 ? Rtnl.IFA_F_NODAD : 0)
                .u8(scope)
                .u32(index)
                .attribute(Rtnl.IFA_LOCAL, raw);
        if (!ipv6) {
            label.ifPresent(text -> writer.attributeString(Rtnl.IFA_LABEL, text));
        }
        return writer.attribute(Rtnl.IFA_ADDRESS, raw).finish();
    }

    /** RTM_GETROUTE for one destination, as {@code ip route get ADDR}: the kernel answers with the route it would use. */
    public static byte[] getRoute(int seq, InetAddress destination) {
        boolean ipv6 = destination instanceof Inet6Address;
        byte[] raw = destination.getAddress();
        return new NetlinkWriter(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_REQUEST, seq)
                .u8(ipv6 ? Rtnl.AF_INET6 : Rtnl.AF_INET)
                .u8(raw.length * 8) // rtm_dst_len
                .u8(0) // rtm_src_len
                .u8(0) // rtm_tos
                .u8(0) // rtm_table
                .u8(0) // rtm_protocol
                .u8(0) // rtm_scope
                .u8(0) // rtm_type
                .u32(0) // rtm_flags
                .attribute(Rtnl.RTA_DST, raw)
                .finish();
    }

    /** RTM_GETLINK for one interface by name, as {@code ip link show dev NAME}. */
    public static byte[] getLink(int seq, String name) {
        return ifinfo(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST, seq, 0, 0, 0)
                .attributeU32(Rtnl.IFLA_EXT_MASK, Rtnl.EXT_MASK_DEFAULT)
                .attributeString(Rtnl.IFLA_IFNAME, name)
                .finish();
    }

    /** RTM_GETLINK dump of all interfaces. */
    public static byte[] dumpLinks(int seq) {
        return ifinfo(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, seq, 0, 0, 0)
                .attributeU32(Rtnl.IFLA_EXT_MASK, Rtnl.EXT_MASK_DEFAULT)
                .finish();
    }

    /** RTM_GETADDR dump of all addresses of one family ({@link Rtnl#AF_UNSPEC} for both). */
    public static byte[] dumpAddresses(int seq, int family) {
        return new NetlinkWriter(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, seq)
                .u8(family).u8(0).u8(0).u8(0).u32(0)
                .finish();
    }

    /**
     * RTM_NEWLINK creating a macvlan, as
     * {@code ip link add NAME link PARENT address MAC type macvlan mode private} (keepalived's VMAC).
     */
    public static byte[] newMacvlan(int seq, int parentIndex, String name, byte[] mac) {
        return ifinfo(Rtnl.RTM_NEWLINK, NEW, seq, 0, 0, 0)
                .attribute(Rtnl.IFLA_ADDRESS, mac)
                .attributeU32(Rtnl.IFLA_LINK, parentIndex)
                .attributeString(Rtnl.IFLA_IFNAME, name)
                .beginNested(Rtnl.IFLA_LINKINFO)
                .attribute(Rtnl.IFLA_INFO_KIND, "macvlan".getBytes(StandardCharsets.US_ASCII))
                .beginNested(Rtnl.IFLA_INFO_DATA)
                .attributeU32(Rtnl.IFLA_MACVLAN_MODE, Rtnl.MACVLAN_MODE_PRIVATE)
                .endNested()
                .endNested()
                .finish();
    }

    /** RTM_NEWLINK setting IFF_UP, as {@code ip link set DEV up}. */
    public static byte[] setLinkUp(int seq, int index) {
        return ifinfo(Rtnl.RTM_NEWLINK, CHANGE, seq, index, Rtnl.IFF_UP, Rtnl.IFF_UP).finish();
    }

    /**
     * RTM_NEWLINK setting IPv4 devconf values ({@code net.ipv4.conf.DEV.*}) through
     * IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF, as keepalived does for its VMACs: unlike writing
     * {@code /proc/sys}, this needs only CAP_NET_ADMIN and works where {@code /proc/sys} is
     * read-only (systemd's ProtectKernelTunables). {@code ip} has no such command.
     *
     * @param values by {@code IPV4_DEVCONF_*} number, in the order given
     */
    public static byte[] setInetConf(int seq, int index, Map<Integer, Integer> values) {
        NetlinkWriter writer = ifinfo(Rtnl.RTM_NEWLINK, CHANGE, seq, index, 0, 0)
                .beginNested(Rtnl.IFLA_AF_SPEC)
                .beginNested(Rtnl.AF_INET)
                .beginNested(Rtnl.IFLA_INET_CONF);
        values.forEach(writer::attributeU32);
        return writer.endNested().endNested().endNested().finish();
    }

    /**
     * RTM_NEWLINK that stops the kernel from giving the interface a link-local address of its own, as
     * {@code ip link set DEV addrgenmode none}: two routers' VMACs share one MAC, and the link-local
     * address made from it would be the same on both (a duplicate address, RFC 5798 section 7.4).
     */
    public static byte[] setAddrGenModeNone(int seq, int index) {
        return ifinfo(Rtnl.RTM_NEWLINK, CHANGE, seq, index, 0, 0)
                .beginNested(Rtnl.IFLA_AF_SPEC)
                .beginNested(Rtnl.AF_INET6)
                .attribute(Rtnl.IFLA_INET6_ADDR_GEN_MODE, new byte[] {(byte) Rtnl.IN6_ADDR_GEN_MODE_NONE})
                .endNested()
                .endNested()
                .finish();
    }

    /** RTM_DELLINK, as {@code ip link del DEV}. */
    public static byte[] deleteLink(int seq, int index) {
        return ifinfo(Rtnl.RTM_DELLINK, CHANGE, seq, index, 0, 0).finish();
    }

    private static NetlinkWriter ifinfo(int type, int flags, int seq, int index, int ifFlags, int change) {
        return new NetlinkWriter(type, flags, seq)
                .u8(Rtnl.AF_UNSPEC).u8(0).u16(0)
                .u32(index).u32(ifFlags).u32(change);
    }
}
