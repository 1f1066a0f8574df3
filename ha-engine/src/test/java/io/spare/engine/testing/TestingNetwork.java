package io.spare.engine.testing;

import static java.util.Objects.requireNonNull;

import io.spare.api.AdvertListener;
import io.spare.api.AdvertTransport;
import io.spare.api.Advertisement;
import io.spare.api.ChannelSpec;
import io.spare.api.VrrpChannel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One in-memory VRRP segment shared by several nodes (engines) on one {@link TestingEventLoop}. Each
 * node gets an {@link AdvertTransport}; an advert sent by one node reaches every other node's
 * channel of the same VRID and family, with the sender's source address, after the configured
 * delay — unless the pair is cut or partitioned. Receive checks follow keepalived: another VRRP
 * version is reported as a version mismatch; a v2 advert with another interval or other
 * authentication is dropped.
 */
public final class TestingNetwork {
    /** One advert put on the wire. */
    public record Sent(long at, String node, InetAddress source, Advertisement advert) {}

    private final TestingEventLoop loop;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, List<Channel>> byVrid = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> cutPairs = new HashSet<>();
    private final Set<String> isolated = new HashSet<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Integer> dropNext = new java.util.HashMap<>();
    private Set<String> partitionSide = Set.of();
    private long delayNanos;

    public TestingNetwork(TestingEventLoop loop) {
        this.loop = requireNonNull(loop, "loop");
    }

    /** The transport of one node; {@code source} is its interface address (used unless the spec names one). */
    public AdvertTransport transport(String node, InetAddress source) {
        return new Transport(node, source);
    }

    /** Every advert sent so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public List<Sent> sent(String node) {
        return sent().stream().filter(s -> s.node().equals(node)).toList();
    }

    public List<Sent> sentSince(long since) {
        return sent().stream().filter(s -> s.at() >= since).toList();
    }

    public void clearSent() {
        sent.clear();
    }

    /** Nodes in {@code side} hear only each other; the others hear only each other. */
    public synchronized void partition(Collection<String> side) {
        partitionSide = Set.copyOf(side);
    }

    /** Nothing goes from or to {@code node}. */
    public synchronized void isolate(String node) {
        isolated.add(node);
    }

    /** No traffic between {@code a} and {@code b}, either way. */
    public synchronized void cut(String a, String b) {
        cutPairs.add(a + "\u0000" + b);
        cutPairs.add(b + "\u0000" + a);
    }

    /** Loses the next {@code count} adverts {@code node} sends (to everyone). */
    public synchronized void dropNextFrom(String node, int count) {
        dropNext.merge(node, count, Integer::sum);
    }

    private synchronized boolean consumeDrop(String node) {
        Integer left = dropNext.get(node);
        if (left == null || left == 0) {
            return false;
        }
        dropNext.put(node, left - 1);
        return true;
    }

    /** Undoes every partition, isolation and cut. */
    public synchronized void heal() {
        partitionSide = Set.of();
        isolated.clear();
        cutPairs.clear();
    }

    /** Every advert arrives this long after it was sent. */
    public synchronized void setDelay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Adverts lost to cuts, partitions and receive checks. */
    public long dropped() {
        return dropped.get();
    }

    private synchronized boolean blocked(String from, String to) {
        if (isolated.contains(from) || isolated.contains(to) || cutPairs.contains(from + "\u0000" + to)) {
            return true;
        }
        return !partitionSide.isEmpty() && partitionSide.contains(from) != partitionSide.contains(to);
    }

    private synchronized long delay() {
        return delayNanos;
    }

    private void transmit(Channel from, Advertisement advert) {
        sent.add(new Sent(loop.nanos(), from.node, from.source, advert));
        if (consumeDrop(from.node)) {
            dropped.incrementAndGet();
            return;
        }
        for (Channel to : byVrid.getOrDefault(advert.vrid(), List.of())) {
            if (to == from || to.node.equals(from.node) || !to.open || to.spec.vrid() != advert.vrid()
                    || to.spec.family() != from.spec.family()) {
                continue;
            }
            if (blocked(from.node, to.node)) {
                dropped.incrementAndGet();
                continue;
            }
            long delay = delay();
            if (delay == 0) {
                deliver(from.source, to, advert);
            } else {
                loop.schedule(loop.nanos() + delay, () -> deliver(from.source, to, advert));
            }
        }
    }

    private void deliver(InetAddress source, Channel to, Advertisement advert) {
        if (!to.open) {
            return;
        }
        if (advert.version() != to.spec.version()) {
            to.listener.onVersionMismatch(source, advert.version());
            return;
        }
        if (advert.version() == 2
                && (!advert.advertInterval().equals(to.spec.advertInterval())
                        || !advert.authentication().equals(to.spec.authentication()))) {
            dropped.incrementAndGet();
            to.dropped.incrementAndGet();
            return;
        }
        to.received.incrementAndGet();
        to.listener.onAdvert(advert, source);
    }

    private final class Transport implements AdvertTransport {
        private final String node;
        private final InetAddress interfaceAddress;

        Transport(String node, InetAddress interfaceAddress) {
            this.node = requireNonNull(node, "node");
            this.interfaceAddress = requireNonNull(interfaceAddress, "interfaceAddress");
        }

        @Override
        public VrrpChannel open(ChannelSpec spec, AdvertListener listener) {
            Channel channel = new Channel(node, spec, listener, spec.sourceAddress().orElse(interfaceAddress));
            channels.add(channel);
            byVrid.computeIfAbsent(spec.vrid(), v -> new CopyOnWriteArrayList<>()).add(channel);
            return channel;
        }

        @Override
        public void close() {
            channels.stream().filter(c -> c.node.equals(node)).forEach(Channel::close);
        }
    }

    private final class Channel implements VrrpChannel {
        final String node;
        final ChannelSpec spec;
        final AdvertListener listener;
        final InetAddress source;
        final AtomicLong received = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        volatile boolean open = true;

        Channel(String node, ChannelSpec spec, AdvertListener listener, InetAddress source) {
            this.node = node;
            this.spec = spec;
            this.listener = listener;
            this.source = source;
        }

        @Override
        public InetAddress sourceAddress() {
            return source;
        }

        @Override
        public void send(Advertisement advertisement) {
            if (open) {
                transmit(this, advertisement);
            }
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("received", received.get(), "dropped", dropped.get());
        }

        @Override
        public void close() {
            open = false;
            channels.remove(this);
            byVrid.getOrDefault(spec.vrid(), new ArrayList<>()).remove(this);
        }
    }

    /** The adverts of {@code node} with this priority, for assertions. */
    public List<Long> sendTimes(String node, int priority) {
        List<Long> times = new ArrayList<>();
        for (Sent s : sent()) {
            if (s.node().equals(node) && s.advert().priority() == priority) {
                times.add(s.at());
            }
        }
        return times;
    }
}
