package io.spare.netlink;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinder;
import io.spare.api.AddressFamily;
import io.spare.api.Ticker;
import io.spare.api.VirtualAddress;
import io.spare.netlink.codec.ArpPacket;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.MacAddress;
import io.spare.netlink.codec.NeighborAdvertisement;
import io.spare.netlink.codec.NetlinkAck;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.RouteMessage;
import io.spare.netlink.codec.Rtnl;
import io.spare.netlink.codec.RtnlRequests;
import io.spare.netlink.sys.Capability;
import io.spare.netlink.sys.Errno;
import io.spare.netlink.sys.NetlinkSocket;
import io.spare.netlink.sys.PacketSocket;
import io.spare.netlink.sys.SystemCallException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Holds VIPs through rtnetlink and announces them with gratuitous ARP and unsolicited neighbour
 * advertisements, as keepalived does.
 *
 * <p>The binder is thread-safe, works in the network namespace of the calling thread, and looks
 * interfaces up at every call, so it survives interfaces that come and go. What it keeps between
 * calls: which parents carry VMACs, to give them their ARP settings back ({@link VmacArpSettings}),
 * and, per network namespace until {@link #close()}, one rtnetlink socket for its requests (used by
 * one call at a time) and the packet sockets announcements go out on. Closing a packet socket waits
 * for an RCU grace period, so one per announcement left a 1000-instance node with hundreds waiting
 * to be closed, and its exit late by as many grace periods (6-10 s, measured). A batch goes out
 * pipelined, many requests per datagram, and the acks are matched by sequence number.
 */
public final class NetlinkAddressBinder implements AddressBinder {
    private static final Logger LOG = LogManager.getLogger(NetlinkAddressBinder.class);
    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    /**
     * How long added IPv6 VIPs may take to become usable before they are announced anyway. The
     * kernel needs less (measured: up to 2 ms for one address, about 40 ms for 255 in one batch)
     * unless it cannot finish them (no carrier), and then waiting longer would not help.
     */
    private static final Duration IPV6_USABLE_TIMEOUT = Duration.ofMillis(100);
    private static final long IPV6_USABLE_POLL_NANOS = 50_000;
    private static final Path THREAD_NETNS = Path.of("/proc/thread-self/ns/net");

    private final Duration requestTimeout;
    private final Duration announceInterval;
    private final Ticker ticker;
    private final VmacArpSettings vmacArp = new VmacArpSettings();
    private final Map<String, NamespaceSockets> namespaces = new ConcurrentHashMap<>();

    /** {@link #NetlinkAddressBinder(Ticker)} on the system clock. */
    public NetlinkAddressBinder() {
        this(Ticker.system());
    }

    /** Five seconds for the kernel to answer; announcement rounds back to back (keepalived's garp_interval 0). */
    public NetlinkAddressBinder(Ticker ticker) {
        this(Duration.ofSeconds(5), Duration.ZERO, ticker);
    }

    /**
     * @param requestTimeout how long to wait for the kernel's answer to one rtnetlink datagram
     * @param announceInterval pause between two rounds of announcements (keepalived's garp_interval)
     * @param ticker the clock that bounds the wait for IPv6 VIPs to become usable
     */
    public NetlinkAddressBinder(Duration requestTimeout, Duration announceInterval, Ticker ticker) {
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
        this.announceInterval = requireNonNull(announceInterval, "announceInterval");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public void add(String interfaceName, List<VirtualAddress> addresses) throws IOException {
        change(interfaceName, addresses, true);
    }

    @Override
    public void remove(String interfaceName, List<VirtualAddress> addresses) throws IOException {
        change(interfaceName, addresses, false);
    }

    private void change(String interfaceName, List<VirtualAddress> addresses, boolean adding) throws IOException {
        if (addresses.isEmpty()) {
            return;
        }
        String verb = adding ? "add" : "remove";
        sockets().request(socket -> {
            Map<String, Optional<LinkMessage>> links = resolve(socket, interfaceName, addresses);
            List<VirtualAddress> sent = new ArrayList<>();
            List<byte[]> requests = new ArrayList<>();
            for (VirtualAddress address : addresses) {
                String device = address.deviceOr(interfaceName);
                Optional<LinkMessage> link = links.get(device);
                if (link.isEmpty()) {
                    if (adding) {
                        throw new IOException("cannot add " + address + ": no interface '" + device + "'");
                    }
                    LOG.warn("Not removing {}: interface '{}' is gone, and the address with it", address, device);
                    continue;
                }
                checkLabel(address, device);
                int index = link.get().index();
                requests.add(adding ? RtnlRequests.newAddress(0, index, address) : RtnlRequests.deleteAddress(0, index, address));
                sent.add(address);
            }
            List<NetlinkAck> acks = socket.execute(requests);
            List<SystemCallException> failures = new ArrayList<>();
            List<InetAddress> unfinished = new ArrayList<>();
            for (int i = 0; i < acks.size(); i++) {
                NetlinkAck ack = acks.get(i);
                VirtualAddress address = sent.get(i);
                String device = address.deviceOr(interfaceName);
                boolean alreadyThere = adding && ack.errno() == Errno.EEXIST;
                if (ack.ok()) {
                    LOG.debug("{} {} on {}", adding ? "Added" : "Removed", address, device);
                } else if (alreadyThere) {
                    LOG.debug("{} is already on {}", address, device);
                } else if (!adding && ack.errno() == Errno.EADDRNOTAVAIL) {
                    LOG.debug("{} was not on {}", address, device);
                } else {
                    failures.add(new SystemCallException("cannot " + verb + " " + address + " on " + device, ack.errno(),
                            Capability.CAP_NET_ADMIN, ack.kernelMessage().orElse(null)));
                }
                // Without a link the kernel finishes no IPv6 address (nothing to wait for then).
                if ((ack.ok() || alreadyThere) && adding && address.family() == AddressFamily.IPV6 && links.get(device).get().up()) {
                    unfinished.add(address.address());
                }
            }
            awaitLocal(socket, unfinished);
            throwIfAny(failures, verb, acks.size());
            return null;
        });
    }

    /**
     * The kernel acknowledges an IPv6 address before it can receive on it: even with nodad, a kernel
     * worker finishes the address (clears tentative, inserts its local route) a moment later; a third
     * of single adds were not yet local when the ack arrived, for up to 2 ms (kernel 6.18). A
     * neighbour advertisement sent in that window draws the clients' packets to a host that drops
     * them, so the announcement waits here until the kernel routes every new IPv6 VIP locally. IPv4
     * has no such window: its local route is in place when the ack is sent.
     */
    private void awaitLocal(NetlinkSocket socket, List<InetAddress> addresses) throws IOException {
        List<InetAddress> pending = notLocal(socket, addresses);
        long deadline = ticker.nanoTime() + IPV6_USABLE_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            // The kernel finishes them about in the order they were added: poll one, then check all.
            while (!notLocal(socket, pending.subList(0, 1)).isEmpty()) {
                if (ticker.nanoTime() - deadline >= 0) {
                    LOG.warn("{} IPv6 address(es) not usable {} ms after they were added, announced anyway: {}", pending.size(),
                            IPV6_USABLE_TIMEOUT.toMillis(), pending.stream().map(InetAddress::getHostAddress).toList());
                    return;
                }
                LockSupport.parkNanos(IPV6_USABLE_POLL_NANOS);
            }
            pending = notLocal(socket, pending.subList(1, pending.size()));
        }
    }

    private static List<InetAddress> notLocal(NetlinkSocket socket, List<InetAddress> addresses) throws IOException {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<NetlinkMessage> routes = socket.query(addresses.stream().map(a -> RtnlRequests.getRoute(0, a)).toList());
        List<InetAddress> notYet = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            if (!RouteMessage.isLocal(routes.get(i))) {
                notYet.add(addresses.get(i));
            }
        }
        return notYet;
    }

    private static void checkLabel(VirtualAddress address, String device) throws IOException {
        if (address.label().isPresent() && address.family() == AddressFamily.IPV4
                && address.label().get().getBytes(StandardCharsets.UTF_8).length > Rtnl.IFNAMSIZ_MAX) {
            throw new IOException("cannot add " + address + " on " + device + ": label '" + address.label().get()
                    + "' is longer than " + Rtnl.IFNAMSIZ_MAX + " bytes");
        }
    }

    @Override
    public void announce(String interfaceName, List<VirtualAddress> addresses, int repeat) throws IOException {
        if (addresses.isEmpty() || repeat <= 0) {
            return;
        }
        List<Announcement> announcements = new ArrayList<>();
        NamespaceSockets sockets = sockets();
        sockets.request(socket -> {
            Map<String, Optional<LinkMessage>> links = resolve(socket, interfaceName, addresses);
            for (VirtualAddress address : addresses) {
                String device = address.deviceOr(interfaceName);
                LinkMessage link = links.get(device)
                        .orElseThrow(() -> new IOException("cannot announce " + address + ": no interface '" + device + "'"));
                Optional<byte[]> mac = link.mac().filter(m -> m.length == 6);
                if (mac.isEmpty()) {
                    LOG.warn("Not announcing {}: interface '{}' has no Ethernet address", address, device);
                    continue;
                }
                boolean router = address.family() == AddressFamily.IPV6 && forwardsIpv6(device);
                announcements.add(new Announcement(address.address(), device, link.index(), mac.get(), router));
            }
            return null;
        });
        boolean anyV4 = announcements.stream().anyMatch(a -> a.address() instanceof Inet4Address);
        boolean anyV6 = announcements.stream().anyMatch(a -> a.address() instanceof Inet6Address);
        PacketSocket arp = anyV4 ? sockets.forProtocol(ArpPacket.ETH_P_ARP) : null;
        PacketSocket ipv6 = anyV6 ? sockets.forProtocol(NeighborAdvertisement.ETH_P_IPV6) : null;
        List<SystemCallException> failures = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            if (round > 0 && !announceInterval.isZero()) {
                LockSupport.parkNanos(announceInterval.toNanos());
            }
            for (Announcement announcement : announcements) {
                try {
                    send(announcement, arp, ipv6);
                } catch (SystemCallException e) {
                    failures.add(e);
                }
            }
        }
        LOG.debug("Announced {} address(es) {} time(s)", announcements.size(), repeat);
        throwIfAny(failures, "announce", announcements.size() * repeat);
    }

    /** The calling thread's network namespace, e.g. {@code net:[4026531840]}; sockets opened now belong to it. */
    private static String callersNamespace() {
        try {
            return Files.readSymbolicLink(THREAD_NETNS).toString();
        } catch (IOException | RuntimeException e) {
            return ""; // no /proc: the process's only namespace
        }
    }

    /** The sockets of the calling thread's network namespace: a socket belongs to the namespace it was opened in. */
    private NamespaceSockets sockets() {
        return namespaces.computeIfAbsent(callersNamespace(), namespace -> new NamespaceSockets(requestTimeout));
    }

    /** Work for the rtnetlink request socket. */
    private interface Request<T> {
        T on(NetlinkSocket socket) throws IOException;
    }

    /**
     * The sockets of one network namespace, opened when first needed and kept: one rtnetlink socket
     * for requests, and one packet socket per Ethernet protocol for announcements. A fresh rtnetlink
     * socket per call (five system calls to open it, one to close) was most of the cost of a
     * thousand instances starting together, each removing the VIPs a crashed run may have left.
     */
    private static final class NamespaceSockets {
        private final Duration requestTimeout;
        private final Object requestLock = new Object();
        private NetlinkSocket requests; // guarded by requestLock
        private final Map<Integer, PacketSocket> byProtocol = new HashMap<>(); // guarded by this

        NamespaceSockets(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        /**
         * Runs {@code work} on the request socket, one call at a time. Answers are matched by sequence
         * number, so a late answer to an earlier request is passed over; still, a socket whose request
         * failed is closed, and the next call opens a fresh one.
         */
        <T> T request(Request<T> work) throws IOException {
            synchronized (requestLock) {
                if (requests == null) {
                    requests = NetlinkSocket.open(requestTimeout);
                }
                try {
                    return work.on(requests);
                } catch (IOException | RuntimeException e) {
                    requests.close();
                    requests = null;
                    throw e;
                }
            }
        }

        synchronized PacketSocket forProtocol(int protocol) throws IOException {
            PacketSocket socket = byProtocol.get(protocol);
            if (socket == null) {
                socket = PacketSocket.open(protocol);
                byProtocol.put(protocol, socket);
            }
            return socket;
        }

        void close() {
            synchronized (requestLock) {
                if (requests != null) {
                    requests.close();
                    requests = null;
                }
            }
            synchronized (this) {
                byProtocol.values().forEach(PacketSocket::close);
                byProtocol.clear();
            }
        }
    }

    private static void send(Announcement announcement, PacketSocket arp, PacketSocket ipv6) throws IOException {
        String what = "cannot announce " + announcement.address().getHostAddress() + " on " + announcement.device();
        if (announcement.address() instanceof Inet4Address v4) {
            arp.send(announcement.index(), BROADCAST_MAC, ArpPacket.gratuitous(announcement.mac(), v4), what);
        } else {
            byte[] advertisement = NeighborAdvertisement.unsolicitedPacket((Inet6Address) announcement.address(), announcement.mac(),
                    announcement.router());
            ipv6.send(announcement.index(), NeighborAdvertisement.ALL_NODES_MAC, advertisement, what);
        }
    }

    @Override
    public String createVmac(String parent, String name, int vrid, AddressFamily family) throws IOException {
        byte[] mac = MacAddress.vrrp(vrid, family);
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > Rtnl.IFNAMSIZ_MAX) {
            throw new IOException("cannot create VMAC '" + name + "': an interface name has 1.." + Rtnl.IFNAMSIZ_MAX + " bytes");
        }
        return sockets().request(socket -> {
            LinkMessage parentLink = Links.require(socket, parent, "parent of VMAC " + name);
            NetlinkAck created = socket.execute(List.of(RtnlRequests.newMacvlan(0, parentLink.index(), name, mac))).get(0);
            if (created.errno() == Errno.EEXIST) {
                LinkMessage existing = Links.require(socket, name, "VMAC");
                if (!existing.kind().equals(Optional.of("macvlan")) || !existing.macText().equals(MacAddress.format(mac))) {
                    throw new IOException("cannot create VMAC '" + name + "': an interface of that name exists (kind "
                            + existing.kind().orElse("none") + ", MAC " + existing.macText() + ", want macvlan with "
                            + MacAddress.format(mac) + ")");
                }
                LOG.debug("VMAC {} exists already", name);
            } else if (!created.ok()) {
                throw new SystemCallException("cannot create VMAC " + name + " (macvlan on " + parent + ", MAC "
                        + MacAddress.format(mac) + ")", created.errno(), Capability.CAP_NET_ADMIN, created.kernelMessage().orElse(null));
            }
            LinkMessage vmac = Links.require(socket, name, "VMAC just created");
            // before it goes up, or the kernel makes the link-local address the other router's VMAC has too
            NetlinkAck noLinkLocal = socket.execute(List.of(RtnlRequests.setAddrGenModeNone(0, vmac.index()))).get(0);
            if (!noLinkLocal.ok()) {
                LOG.warn("cannot stop VMAC {} from making a link-local address (errno {}): the other router's VMAC makes the same one",
                        name, noLinkLocal.errno());
            }
            NetlinkAck up = socket.execute(List.of(RtnlRequests.setLinkUp(0, vmac.index()))).get(0);
            if (!up.ok()) {
                throw new SystemCallException("cannot set VMAC " + name + " up", up.errno(), Capability.CAP_NET_ADMIN,
                        up.kernelMessage().orElse(null));
            }
            vmacArp.applied(socket, parentLink, vmac, family);
            LOG.info("VMAC {} ({}) on {} is up", name, MacAddress.format(mac), parent);
            return name;
        });
    }

    @Override
    public void deleteVmac(String name) throws IOException {
        sockets().request(socket -> {
            Optional<LinkMessage> link = Links.find(socket, name);
            if (link.isEmpty()) {
                LOG.debug("VMAC {} is gone already", name);
                vmacArp.released(socket, name);
                return null;
            }
            if (!link.get().kind().equals(Optional.of("macvlan"))) {
                throw new IOException("refusing to delete interface '" + name + "': it is not a macvlan VMAC (kind "
                        + link.get().kind().orElse("none") + ")");
            }
            NetlinkAck ack = socket.execute(List.of(RtnlRequests.deleteLink(0, link.get().index()))).get(0);
            if (!ack.ok() && ack.errno() != Errno.ENODEV) {
                throw new SystemCallException("cannot delete VMAC " + name, ack.errno(), Capability.CAP_NET_ADMIN,
                        ack.kernelMessage().orElse(null));
            }
            vmacArp.released(socket, name);
            LOG.info("VMAC {} deleted", name);
            return null;
        });
    }

    private static Map<String, Optional<LinkMessage>> resolve(NetlinkSocket socket, String interfaceName, List<VirtualAddress> addresses)
            throws IOException {
        Map<String, Optional<LinkMessage>> links = new LinkedHashMap<>();
        for (VirtualAddress address : addresses) {
            String device = address.deviceOr(interfaceName);
            if (!links.containsKey(device)) {
                links.put(device, Links.find(socket, device));
            }
        }
        return links;
    }

    private static void throwIfAny(List<SystemCallException> failures, String verb, int total) throws IOException {
        if (failures.isEmpty()) {
            return;
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        StringBuilder message = new StringBuilder().append(failures.size()).append(" of ").append(total)
                .append(" failed to ").append(verb).append(": ");
        failures.stream().limit(3).forEach(f -> message.append(f.getMessage()).append("; "));
        if (failures.size() > 3) {
            message.append("...");
        }
        IOException summary = new IOException(message.toString().replaceAll("; $", ""));
        failures.forEach(summary::addSuppressed);
        throw summary;
    }

    @Override
    public void close() {
        namespaces.values().forEach(NamespaceSockets::close);
        namespaces.clear();
    }

    /**
     * Whether this host routes IPv6 on {@code device}. Read on the calling thread, so from its
     * network namespace; unreadable counts as not forwarding.
     */
    private static boolean forwardsIpv6(String device) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", device, "forwarding")).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read IPv6 forwarding of {}: {}", device, e.getMessage());
            return false;
        }
    }

    private record Announcement(InetAddress address, String device, int index, byte[] mac, boolean router) {}
}
