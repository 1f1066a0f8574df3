package io.spare.netlink.codec;

/** Numbers from the kernel's uapi headers (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h). */
public final class Rtnl {
    private Rtnl() {}

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    /** In a dump answer: the table changed during the dump, which may be inconsistent. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR: extended-ack attributes follow the echoed request. */
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_GETROUTE = 26;

    /** rtattr RTA_DST: the destination of a route (or the one asked about). */
    public static final int RTA_DST = 1;
    /** rtmsg type of a route that delivers to this host. */
    public static final int RTN_LOCAL = 2;

    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    /** The address; on point-to-point links the peer's. */
    public static final int IFA_ADDRESS = 1;
    /** The local address. */
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_AF_SPEC = 26;
    /** In IFLA_AF_SPEC / AF_INET: the IPv4 devconf values, u32 each, index = IPV4_DEVCONF_* - 1. */
    public static final int IFLA_INET_CONF = 1;
    public static final int IPV4_DEVCONF_RP_FILTER = 8;
    public static final int IPV4_DEVCONF_ARPFILTER = 13;
    public static final int IPV4_DEVCONF_ARP_ANNOUNCE = 18;
    public static final int IPV4_DEVCONF_ARP_IGNORE = 19;
    public static final int IPV4_DEVCONF_PROMOTE_SECONDARIES = 20;
    public static final int IPV4_DEVCONF_ACCEPT_LOCAL = 23;
    /** In IFLA_AF_SPEC / AF_INET6: how the kernel makes the interface's link-local address (u8). */
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int MACVLAN_MODE_PRIVATE = 1;
    /** RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS, as iproute2 asks: smaller answers. */
    public static final int EXT_MASK_DEFAULT = 0x1 | 0x8;

    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;

    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_UP = 6;

    /** Longest interface name the kernel accepts, without the terminating NUL (IFNAMSIZ - 1). */
    public static final int IFNAMSIZ_MAX = 15;

    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
