/**
 * Holding and announcing virtual addresses, and watching links, through rtnetlink and raw sockets
 * (JNR-FFI to libc; nothing is shelled out).
 *
 * <ul>
 *   <li>{@link io.spare.netlink.NetlinkAddressBinder}: {@code add}/{@code remove} send one pipelined
 *       rtnetlink batch (IPv6 VIPs with IFA_F_NODAD; IFA_LABEL for IPv4 only; EEXIST on add and
 *       EADDRNOTAVAIL on remove are success). {@code announce(if, vips, repeat)} sends, {@code repeat}
 *       rounds back to back, one gratuitous ARP (AF_PACKET) per IPv4 VIP and one unsolicited NA (raw
 *       ICMPv6, hop limit 255, to ff02::1, Override set, Router set if the host forwards IPv6 there)
 *       per IPv6 VIP, from the MAC of each VIP's device. VMACs are macvlan, mode private.</li>
 *   <li>{@link io.spare.netlink.NetlinkLinkMonitor}: {@code lookup} by dump; {@code start} subscribes
 *       to link and IPv4/IPv6 address groups and reports changes on its own thread.</li>
 * </ul>
 *
 * <p>Sockets are opened per call, in the network namespace of the calling thread. EPERM is reported
 * as an {@link java.io.IOException} naming CAP_NET_ADMIN (rtnetlink changes) or CAP_NET_RAW (packet and
 * raw sockets).
 */
package io.spare.netlink;
