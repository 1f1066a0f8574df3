package io.spare.netlink;

import static java.util.Objects.requireNonNull;

import io.spare.api.LinkListener;
import io.spare.netlink.codec.AddressMessage;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.Rtnl;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What the kernel last said about links and addresses, turned into listener calls: a link event
 * only when "up" changes, an address event when an address appears or disappears. An IPv6 address
 * still tentative (duplicate address detection) counts as not there yet: it is "added" when the
 * kernel reports it usable, which is when a VRRPv3 channel waiting for its link-local source can
 * open. Pure: fed decoded rtnetlink messages, used by one thread.
 */
final class LinkStateTracker {
    private static final Logger LOG = LogManager.getLogger(LinkStateTracker.class);

    private final LinkListener listener;
    private final Map<Integer, LinkState> links = new HashMap<>();
    private final Set<AddressKey> addresses = new HashSet<>();

    LinkStateTracker(LinkListener listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    /** One event from the RTMGRP_* groups. */
    void onMessage(NetlinkMessage message) {
        switch (message.type()) {
            case Rtnl.RTM_NEWLINK -> updateLink(LinkMessage.decode(message), true);
            case Rtnl.RTM_DELLINK -> removeLink(LinkMessage.decode(message).index(), true);
            case Rtnl.RTM_NEWADDR -> AddressMessage.decode(message).ifPresent(address -> {
                AddressKey key = AddressKey.of(address);
                if (address.tentative()) {
                    // under duplicate address detection (or failed it): not usable yet, so not there
                    if (addresses.remove(key)) {
                        reportRemoved(key);
                    }
                } else if (addresses.add(key)) {
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

    /**
     * Replaces what is known with a full dump; with {@code report}, tells the listener every
     * difference (after an overrun, when events were lost), else learns silently (at start).
     */
    void synchronise(List<LinkMessage> allLinks, List<AddressMessage> allAddresses, boolean report) {
        Set<Integer> seen = new HashSet<>();
        for (LinkMessage link : allLinks) {
            seen.add(link.index());
            updateLink(link, report);
        }
        for (Integer gone : new HashSet<>(links.keySet())) {
            if (!seen.contains(gone)) {
                removeLink(gone, report);
            }
        }
        Set<AddressKey> now = new HashSet<>();
        for (AddressMessage address : allAddresses) {
            if (!address.tentative()) {
                now.add(AddressKey.of(address));
            }
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

    private static void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("Link listener failed: {}", e.getMessage(), e);
        }
    }

    private record LinkState(String name, boolean up) {}

    /** An address on an interface; the label rides along to name interfaces not seen yet. */
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
