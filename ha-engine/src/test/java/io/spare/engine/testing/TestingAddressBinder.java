package io.spare.engine.testing;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinder;
import io.spare.api.Ticker;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's {@link AddressBinder} that records, with timestamps, which node holds which VIP and every
 * announcement, in a {@link Ledger} several nodes share: tests ask who holds a VIP and whether there
 * was ever a moment nobody did.
 */
public final class TestingAddressBinder implements AddressBinder {
    public enum Kind { ADD, REMOVE, ANNOUNCE, REMOVED_BY_SOMEONE_ELSE }

    /** One recorded call. */
    public record Event(long at, String node, Kind kind, InetAddress address, String device, int repeat) {}

    /** What every node's binder recorded, in order. */
    public static final class Ledger {
        private final List<Event> events = new CopyOnWriteArrayList<>();

        public List<Event> events() {
            return List.copyOf(events);
        }

        public List<Event> events(String node, Kind kind) {
            return events.stream().filter(e -> e.node().equals(node) && e.kind() == kind).toList();
        }

        /** The nodes holding {@code address} now. */
        public Set<String> holders(InetAddress address) {
            return holdersAt(address, Long.MAX_VALUE);
        }

        /** The nodes holding {@code address} at {@code time} (events at that time included). */
        public Set<String> holdersAt(InetAddress address, long time) {
            Map<String, Boolean> holding = new LinkedHashMap<>();
            for (Event e : events) {
                if (e.at() > time || !e.address().equals(address)) {
                    continue;
                }
                switch (e.kind()) {
                    case ADD -> holding.put(e.node(), true);
                    case REMOVE, REMOVED_BY_SOMEONE_ELSE -> holding.remove(e.node());
                    case ANNOUNCE -> { }
                }
            }
            return Set.copyOf(holding.keySet());
        }

        /**
         * Whether, between the first time anyone held {@code address} and {@code until}, there was a
         * moment when nobody held it.
         */
        public boolean everUnheldAfterFirstAdd(InetAddress address, long until) {
            Set<String> holding = new HashSet<>();
            boolean seen = false;
            for (Event e : events) {
                if (e.at() > until || !e.address().equals(address)) {
                    continue;
                }
                switch (e.kind()) {
                    case ADD -> {
                        holding.add(e.node());
                        seen = true;
                    }
                    case REMOVE, REMOVED_BY_SOMEONE_ELSE -> {
                        holding.remove(e.node());
                        if (seen && holding.isEmpty()) {
                            return true;
                        }
                    }
                    case ANNOUNCE -> { }
                }
            }
            return false;
        }

        void record(Event e) {
            events.add(e);
        }
    }

    private final String node;
    private final Ticker ticker;
    private final Ledger ledger;
    private final java.util.Set<String> vmacs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String failVmac;

    public TestingAddressBinder(String node, Ticker ticker, Ledger ledger) {
        this.node = requireNonNull(node, "node");
        this.ticker = requireNonNull(ticker, "ticker");
        this.ledger = requireNonNull(ledger, "ledger");
    }

    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void add(String interfaceName, List<VirtualAddress> addresses) {
        record(Kind.ADD, interfaceName, addresses, 0);
    }

    @Override
    public void remove(String interfaceName, List<VirtualAddress> addresses) {
        record(Kind.REMOVE, interfaceName, addresses, 0);
    }

    @Override
    public void announce(String interfaceName, List<VirtualAddress> addresses, int repeat) {
        record(Kind.ANNOUNCE, interfaceName, addresses, repeat);
    }

    /** Someone ran {@code ip addr del}: the address is gone from this node (tell the link monitor too). */
    public void removeBySomeoneElse(String interfaceName, VirtualAddress address) {
        record(Kind.REMOVED_BY_SOMEONE_ELSE, interfaceName, List.of(address), 0);
    }

    /** Makes {@link #createVmac} fail with this message. */
    public void failVmacCreation(String message) {
        failVmac = message;
    }

    @Override
    public String createVmac(String parent, String name, int vrid, io.spare.api.AddressFamily family) throws java.io.IOException {
        if (failVmac != null) {
            throw new java.io.IOException(failVmac);
        }
        vmacs.add(name);
        return name;
    }

    @Override
    public void deleteVmac(String name) {
        vmacs.remove(name);
    }

    /** The VMAC interfaces that exist now. */
    public java.util.Set<String> vmacs() {
        return java.util.Set.copyOf(vmacs);
    }

    public boolean holds(InetAddress address) {
        return ledger.holders(address).contains(node);
    }

    /** This node's announcements: one event per address per call. */
    public List<Event> announcements() {
        return ledger.events(node, Kind.ANNOUNCE);
    }

    private void record(Kind kind, String interfaceName, List<VirtualAddress> addresses, int repeat) {
        long now = ticker.nanoTime();
        List<Event> batch = new ArrayList<>();
        for (VirtualAddress a : addresses) {
            batch.add(new Event(now, node, kind, a.address(), a.deviceOr(interfaceName), repeat));
        }
        batch.forEach(ledger::record);
    }

    @Override
    public void close() {}
}
