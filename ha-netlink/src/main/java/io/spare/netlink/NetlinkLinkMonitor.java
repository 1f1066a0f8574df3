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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    private NetlinkSocket events;
    private NetlinkSocket requests;
    private Thread thread;
    private LinkStateTracker tracker;
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
            tracker = new LinkStateTracker(listener);
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
                    tracker.onMessage(message);
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
        tracker.synchronise(Links.all(requests), Links.addresses(requests), report);
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
}
