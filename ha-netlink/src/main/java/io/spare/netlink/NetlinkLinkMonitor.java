package io.spare.netlink;

import static java.util.Objects.requireNonNull;

import io.spare.api.InterfaceInfo;
import io.spare.api.LinkListener;
import io.spare.api.LinkMonitor;
import io.spare.netlink.codec.AddressMessage;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.MalformedNetlinkException;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.Rtnl;
import io.spare.netlink.sys.NetlinkOverrunException;
import io.spare.netlink.sys.NetlinkSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Interface facts from rtnetlink dumps, and link and address events from the RTMGRP_LINK,
 * RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR groups, pushed by the kernel as they happen.
 *
 * <p>Sockets belong to the network namespace of the thread that calls {@link #lookup} or
 * {@link #start}. Events are delivered on one thread of the monitor's own, in kernel order. A link
 * event is reported only when "up" (IFF_UP and operstate UP or UNKNOWN) changes; an address event
 * when the address appears or disappears. If the kernel drops events (receive buffer overrun), the
 * monitor dumps links and addresses again and reports the differences.
 */
public final class NetlinkLinkMonitor implements LinkMonitor {
    private static final Logger LOG = LogManager.getLogger(NetlinkLinkMonitor.class);
    private static final int GROUPS = Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR;
    private static final int EVENT_BUFFER = 4 * 1024 * 1024;

    private final Duration requestTimeout;
    private final Map<Integer, LinkState> links = new HashMap<>();
    private final Set<AddressKey> addresses = new HashSet<>();
    private NetlinkSocket events;
    private NetlinkSocket requests;
    private Thread thread;
    private LinkListener listener;
    private volatile boolean closing;

    public NetlinkLinkMonitor() {
        this(Duration.ofSeconds(5));
    }

    public NetlinkLinkMonitor(Duration requestTimeout) {
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public Optional<InterfaceInfo> lookup(String interfaceName) throws IOException {
        try (NetlinkSocket socket = NetlinkSocket.open(requestTimeout)) {
            Optional<LinkMessage> found = Links.find(socket, interfaceName);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            LinkMessage link = found.get();
            Optional<Inet4Address> primary = Optional.empty();
            Optional<Inet6Address> linkLocal = Optional.empty();
            boolean linkLocalTentative = false;
            for (AddressMessage address : Links.addresses(socket)) {
                if (address.index() != link.index()) {
                    continue;
                }
                if (address.address() instanceof Inet4Address v4 && primary.isEmpty() && !address.secondary()) {
                    primary = Optional.of(v4);
                } else if (address.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()
                        && (linkLocal.isEmpty() || (linkLocalTentative && !address.tentative()))) {
                    linkLocal = Optional.of(v6);
                    linkLocalTentative = address.tentative();
                }
            }
            return Optional.of(new InterfaceInfo(link.name(), link.index(), link.macText(), primary, linkLocal, link.mtu(), link.up()));
        }
    }

    @Override
    public synchronized void start(LinkListener listener) throws IOException {
        requireNonNull(listener, "listener");
        if (thread != null) {
            throw new IllegalStateException("link monitor already started");
        }
        // Subscribe before the dump, so that nothing happening in between is missed.
        events = NetlinkSocket.openEvents(GROUPS, EVENT_BUFFER);
        try {
            requests = NetlinkSocket.open(requestTimeout);
            this.listener = listener;
            synchronise(false);
        } catch (IOException | RuntimeException e) {
            events.close();
            if (requests != null) {
                requests.close();
            }
            throw e;
        }
        thread = new Thread(this::run, "spare-link-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closing) {
            try {
                List<NetlinkMessage> messages = events.receive();
                if (messages.isEmpty()) {
                    continue; // woken by close()
                }
                for (NetlinkMessage message : messages) {
                    handle(message);
                }
            } catch (NetlinkOverrunException e) {
                LOG.warn("Link events were lost (rtnetlink buffer overrun); reading links and addresses again");
                resynchronise();
            } catch (IOException | MalformedNetlinkException e) {
                if (!closing) {
                    LOG.error("Link monitor: {}", e.getMessage(), e);
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
        }
    }

    private void resynchronise() {
        try {
            synchronise(true);
        } catch (IOException | RuntimeException e) {
            LOG.error("Link monitor could not read links and addresses again: {}", e.getMessage(), e);
        }
    }

    /** Reads all links and addresses; reports what differs from what we knew when {@code report}. */
    private void synchronise(boolean report) throws IOException {
        List<LinkMessage> current = Links.all(requests);
        Set<Integer> seen = new HashSet<>();
        for (LinkMessage link : current) {
            seen.add(link.index());
            updateLink(link, report);
        }
        for (Integer gone : new HashSet<>(links.keySet())) {
            if (!seen.contains(gone)) {
                removeLink(gone, report);
            }
        }
        Set<AddressKey> now = new HashSet<>();
        for (AddressMessage address : Links.addresses(requests)) {
            now.add(AddressKey.of(address));
        }
        for (AddressKey old : new HashSet<>(addresses)) {
            if (!now.contains(old)) {
                addresses.remove(old);
                if (report) {
                    reportRemoved(old);
                }
            }
        }
        for (AddressKey key : now) {
            if (addresses.add(key) && report) {
                reportAdded(key);
            }
        }
    }

    private void handle(NetlinkMessage message) {
        switch (message.type()) {
            case Rtnl.RTM_NEWLINK -> updateLink(LinkMessage.decode(message), true);
            case Rtnl.RTM_DELLINK -> removeLink(LinkMessage.decode(message).index(), true);
            case Rtnl.RTM_NEWADDR -> AddressMessage.decode(message).map(AddressKey::of).ifPresent(key -> {
                if (addresses.add(key)) {
                    reportAdded(key);
                }
            });
            case Rtnl.RTM_DELADDR -> AddressMessage.decode(message).map(AddressKey::of).ifPresent(key -> {
                addresses.remove(key);
                reportRemoved(key);
            });
            default -> LOG.trace("Ignoring rtnetlink message type {}", message.type());
        }
    }

    private void updateLink(LinkMessage link, boolean report) {
        LinkState previous = links.put(link.index(), new LinkState(link.name(), link.up()));
        boolean wasUp = previous != null && previous.up();
        if (report && wasUp != link.up()) {
            LOG.debug("Link {} is {}", link.name(), link.up() ? "up" : "down");
            deliver(() -> listener.onLinkChanged(link.name(), link.up()));
        }
    }

    private void removeLink(int index, boolean report) {
        LinkState previous = links.remove(index);
        addresses.removeIf(key -> key.index() == index);
        if (report && previous != null && previous.up()) {
            LOG.debug("Link {} is gone", previous.name());
            deliver(() -> listener.onLinkChanged(previous.name(), false));
        }
    }

    private void reportAdded(AddressKey key) {
        String name = nameOf(key);
        deliver(() -> listener.onAddressAdded(name, key.address(), key.prefixLength()));
    }

    private void reportRemoved(AddressKey key) {
        String name = nameOf(key);
        LOG.debug("Address {}/{} removed from {}", key.address().getHostAddress(), key.prefixLength(), name);
        deliver(() -> listener.onAddressRemoved(name, key.address(), key.prefixLength()));
    }

    private String nameOf(AddressKey key) {
        LinkState link = links.get(key.index());
        return link != null ? link.name() : key.label().orElse("if" + key.index());
    }

    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("Link listener failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            running = thread;
        }
        if (events != null) {
            events.shutdown(); // wakes the blocked poll; close() alone would not
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (events != null) {
            events.close();
        }
        if (requests != null) {
            requests.close();
        }
    }

    private record LinkState(String name, boolean up) {}

    /** An address on an interface; the label rides along to name interfaces we have not seen. */
    private record AddressKey(int index, InetAddress address, int prefixLength, Optional<String> label) {
        static AddressKey of(AddressMessage message) {
            return new AddressKey(message.index(), message.address(), message.prefixLength(), message.label());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AddressKey key && key.index == index && key.prefixLength == prefixLength
                    && key.address.equals(address);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * index + prefixLength) + address.hashCode();
        }
    }
}
