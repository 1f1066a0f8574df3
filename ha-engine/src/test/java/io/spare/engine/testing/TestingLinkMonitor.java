package io.spare.engine.testing;

import io.spare.api.InterfaceInfo;
import io.spare.api.LinkListener;
import io.spare.api.LinkMonitor;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LinkMonitor} the test drives: every interface exists and is up unless the test says
 * otherwise; {@link #setLink}, {@link #addAddress} and {@link #removeAddress} deliver events as
 * netlink would.
 */
public final class TestingLinkMonitor implements LinkMonitor {
    private final Map<String, Boolean> links = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private volatile LinkListener listener;
    private volatile boolean closed;

    /** Before start: the interface starts down (or missing). */
    public TestingLinkMonitor initiallyDown(String name) {
        links.put(name, false);
        return this;
    }

    public TestingLinkMonitor missing(String name) {
        missing.add(name);
        return this;
    }

    @Override
    public Optional<InterfaceInfo> lookup(String name) {
        if (missing.contains(name)) {
            return Optional.empty();
        }
        boolean up = links.getOrDefault(name, true);
        return Optional.of(new InterfaceInfo(name, Math.abs(name.hashCode() % 1000) + 2, "02:00:00:00:00:01",
                Optional.empty(), Optional.empty(), 1500, up));
    }

    @Override
    public void start(LinkListener listener) {
        this.listener = listener;
    }

    /** The link goes up or down; the listener hears of it. */
    public void setLink(String name, boolean up) {
        missing.remove(name);
        links.put(name, up);
        LinkListener l = listener;
        if (l != null) {
            l.onLinkChanged(name, up);
        }
    }

    /** An address disappeared from {@code name}. */
    public void removeAddress(String name, InetAddress address, int prefixLength) {
        LinkListener l = listener;
        if (l != null) {
            l.onAddressRemoved(name, address, prefixLength);
        }
    }

    /** An address became usable on {@code name}. */
    public void addAddress(String name, InetAddress address, int prefixLength) {
        LinkListener l = listener;
        if (l != null) {
            l.onAddressAdded(name, address, prefixLength);
        }
    }

    public boolean started() {
        return listener != null;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
