package io.spare.netlink;

import io.spare.api.AddressFamily;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.NetlinkAck;
import io.spare.netlink.codec.Rtnl;
import io.spare.netlink.codec.RtnlRequests;
import io.spare.netlink.sys.NetlinkSocket;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The IPv4 settings a VMAC and its parent need so that the VIP is only ever answered for with the
 * virtual MAC, as keepalived sets them. The VMAC: {@code arp_ignore=1}, {@code accept_local=1}
 * (hear the other router's adverts), {@code rp_filter=0} (receive while it has no address of its
 * own), {@code promote_secondaries=1}; for IPv6 only {@code arp_ignore=1}. The parent:
 * {@code arp_ignore=1} and {@code arp_filter=1}, or it would answer ARP for the VIP, which is a
 * local address, with its own MAC, and a client that took that answer would follow neither this
 * router's failover nor its GARPs for the virtual MAC. Beyond keepalived, also {@code
 * arp_announce=2}: replying to a client it has no MAC for, the host asks for it from the parent,
 * and with the default 0 it names the VIP as the sender, which teaches the client the parent's MAC
 * for the VIP just the same (measured in the integration test). The parent's old values come back
 * when its last VMAC is deleted.
 *
 * <p>Failures are logged, not thrown: the VIP still works without them, as in keepalived.
 */
final class VmacArpSettings {
    private static final Logger LOG = LogManager.getLogger(VmacArpSettings.class);

    /** What a parent had before its first VMAC, and the VMACs on it now. */
    private record Parent(int arpIgnore, int arpFilter, int arpAnnounce, Set<String> vmacs) {
        boolean asNeeded() {
            return arpIgnore == 1 && arpFilter == 1 && arpAnnounce == 2;
        }
    }

    private final Map<String, Parent> parents = new HashMap<>();

    /** For a VMAC just created (or found) on {@code parent}. */
    synchronized void applied(NetlinkSocket socket, LinkMessage parent, LinkMessage vmac, AddressFamily family) throws IOException {
        Map<Integer, Integer> own = new LinkedHashMap<>();
        own.put(Rtnl.IPV4_DEVCONF_ARP_IGNORE, 1);
        if (family == AddressFamily.IPV4) {
            own.put(Rtnl.IPV4_DEVCONF_ACCEPT_LOCAL, 1);
            own.put(Rtnl.IPV4_DEVCONF_RP_FILTER, 0);
            own.put(Rtnl.IPV4_DEVCONF_PROMOTE_SECONDARIES, 1);
        }
        set(socket, vmac, own, "VMAC " + vmac.name());
        if (family != AddressFamily.IPV4) {
            return;
        }
        Parent held = parents.get(parent.name());
        if (held == null) {
            held = new Parent(parent.inetConf(Rtnl.IPV4_DEVCONF_ARP_IGNORE).orElse(0),
                    parent.inetConf(Rtnl.IPV4_DEVCONF_ARPFILTER).orElse(0),
                    parent.inetConf(Rtnl.IPV4_DEVCONF_ARP_ANNOUNCE).orElse(0), new HashSet<>());
            if (!held.asNeeded()) {
                if (!set(socket, parent, arp(1, 1, 2), "parent " + parent.name() + " of VMAC " + vmac.name())) {
                    return;
                }
                LOG.info("{}: arp_ignore 1, arp_filter 1, arp_announce 2 while it carries VMACs (were {}, {}, {})", parent.name(),
                        held.arpIgnore(), held.arpFilter(), held.arpAnnounce());
            }
            parents.put(parent.name(), held);
        }
        held.vmacs().add(vmac.name());
    }

    /** For a VMAC deleted (or found gone): the last one on a parent gives the parent its old values back. */
    synchronized void released(NetlinkSocket socket, String vmac) throws IOException {
        for (Map.Entry<String, Parent> entry : List.copyOf(parents.entrySet())) {
            Parent held = entry.getValue();
            if (!held.vmacs().remove(vmac) || !held.vmacs().isEmpty()) {
                continue;
            }
            parents.remove(entry.getKey());
            if (held.asNeeded()) {
                continue;
            }
            Optional<LinkMessage> parent = Links.find(socket, entry.getKey());
            if (parent.isPresent() && set(socket, parent.get(), arp(held.arpIgnore(), held.arpFilter(), held.arpAnnounce()),
                    "parent " + entry.getKey())) {
                LOG.info("{}: arp_ignore {}, arp_filter {}, arp_announce {} again, its last VMAC gone", entry.getKey(),
                        held.arpIgnore(), held.arpFilter(), held.arpAnnounce());
            }
        }
    }

    private static Map<Integer, Integer> arp(int ignore, int filter, int announce) {
        Map<Integer, Integer> values = new LinkedHashMap<>();
        values.put(Rtnl.IPV4_DEVCONF_ARP_IGNORE, ignore);
        values.put(Rtnl.IPV4_DEVCONF_ARPFILTER, filter);
        values.put(Rtnl.IPV4_DEVCONF_ARP_ANNOUNCE, announce);
        return values;
    }

    private static boolean set(NetlinkSocket socket, LinkMessage link, Map<Integer, Integer> values, String what) throws IOException {
        NetlinkAck ack = socket.execute(List.of(RtnlRequests.setInetConf(0, link.index(), values))).get(0);
        if (!ack.ok()) {
            LOG.warn("cannot set the ARP settings of {} (errno {}{}); clients may learn its own MAC for the VIP",
                    what, ack.errno(), ack.kernelMessage().map(m -> ": " + m).orElse(""));
            return false;
        }
        return true;
    }
}
