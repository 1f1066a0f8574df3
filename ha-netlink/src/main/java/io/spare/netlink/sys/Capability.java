package io.spare.netlink.sys;

/** The Linux capabilities this module needs, named as in capabilities(7) and setpriv. */
public enum Capability {
    /** Changing addresses and links through rtnetlink. */
    CAP_NET_ADMIN,
    /** Opening packet and raw sockets (gratuitous ARP, neighbour advertisements). */
    CAP_NET_RAW
}
