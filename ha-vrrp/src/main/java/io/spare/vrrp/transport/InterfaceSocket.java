package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressFamily;
import io.spare.vrrp.codec.DropReason;
import io.spare.vrrp.codec.MalformedAdvertisementException;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;

/**
 * One raw socket per interface and address family, shared by every virtual router on it, read by
 * the transport's poller thread, which dispatches by VRID (and, for duplicate VRIDs in unicast, by
 * peer) as keepalived's scheduler does.
 */
final class InterfaceSocket implements VrrpSocket.Receiver {
    static final String UNKNOWN_VRID = "unknown_vrid";

    private final String interfaceName;
    private final AddressFamily family;
    private final VrrpSocket socket;
    private final ReceiveScheduler scheduler;
    private final RateLimitedLog log;
    private final Consumer<InterfaceSocket> onEmpty;
    private final Counters counters = new Counters();
    /**
     * The channels of each VRID (0..255), a slot replaced as a whole under this object's lock: the
     * receiving thread reads it without locking and without boxing the VRID, and a registration
     * costs one slot, not a copy of the table (a thousand channels open at start).
     */
    private final AtomicReferenceArray<List<RawVrrpChannel>> byVrid = new AtomicReferenceArray<>(256);
    /** Channels registered; guarded by this object's lock. */
    private int registered;
    private volatile boolean closing;

    InterfaceSocket(String interfaceName, AddressFamily family, VrrpSocket socket, ReceiveScheduler scheduler, RateLimitedLog log,
            Consumer<InterfaceSocket> onEmpty) {
        this.interfaceName = requireNonNull(interfaceName);
        this.family = requireNonNull(family);
        this.socket = requireNonNull(socket);
        this.scheduler = requireNonNull(scheduler);
        this.log = requireNonNull(log);
        this.onEmpty = requireNonNull(onEmpty);
    }

    void start() {
        scheduler.add(this);
    }

    int fd() {
        return socket.fd();
    }

    String interfaceName() {
        return interfaceName;
    }

    AddressFamily family() {
        return family;
    }

    synchronized void register(RawVrrpChannel channel) throws IOException {
        int vrid = channel.spec().vrid();
        List<RawVrrpChannel> same = channels(vrid);
        for (RawVrrpChannel other : same) {
            // keepalived allows one VRID twice on an interface only when unicast peers tell them apart.
            if (!channel.spec().unicast() || !other.spec().unicast()
                    || other.spec().unicastPeers().stream().anyMatch(channel.spec().unicastPeers()::contains)) {
                throw new IOException("(" + channel.spec().instance() + ") VRID " + vrid + " on " + interfaceName + " "
                        + family + " is already used by " + other.spec().instance());
            }
        }
        List<RawVrrpChannel> list = new ArrayList<>(same);
        list.add(channel);
        byVrid.set(vrid, List.copyOf(list));
        registered++;
    }

    /** Removes a channel; the last one out stops the thread and closes the socket. */
    void release(RawVrrpChannel channel) {
        boolean empty;
        synchronized (this) {
            int vrid = channel.spec().vrid();
            List<RawVrrpChannel> list = new ArrayList<>(channels(vrid));
            if (!list.remove(channel)) {
                return;
            }
            byVrid.set(vrid, list.isEmpty() ? null : List.copyOf(list));
            registered--;
            empty = registered == 0;
        }
        if (empty) {
            onEmpty.accept(this);
        }
    }

    synchronized boolean isEmpty() {
        return registered == 0;
    }

    private List<RawVrrpChannel> channels(int vrid) {
        List<RawVrrpChannel> channels = byVrid.get(vrid);
        return channels == null ? List.of() : channels;
    }

    void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException {
        if (closing) {
            throw new IOException("the VRRP socket on " + interfaceName + " is closed");
        }
        socket.send(vrrp, source, destination);
    }

    /** Takes the socket out of the poll set, then closes the fd once nothing reads it any more. */
    void stop() {
        closing = true;
        scheduler.remove(this, socket::close);
    }

    Map<String, Long> counters() {
        return counters.snapshot("");
    }

    private void count(String counter) {
        counters.increment(counter);
    }

    /**
     * Reads up to {@code limit} waiting packets (the socket was ready).
     *
     * @return false when reading failed
     */
    boolean drain(int limit) {
        for (int i = 0; i < limit && !closing; i++) {
            try {
                if (!socket.receive(this)) {
                    return true;
                }
            } catch (IOException e) {
                count("receive_errors");
                log.log(Level.ERROR, "receive/" + interfaceName, "VRRP receive on " + interfaceName + " failed: " + e.getMessage());
                return false;
            } catch (RuntimeException e) {
                count("receive_errors");
                log.log(Level.ERROR, "bug/" + interfaceName, "VRRP receive on " + interfaceName + " hit " + e);
            }
        }
        return true;
    }

    @Override
    public void packet(ByteBuffer vrrp, InetAddress source, InetAddress destination, int ttl) {
        int vrid = VrrpCodec.peekVrid(vrrp);
        List<RawVrrpChannel> candidates = vrid < 0 ? null : byVrid.get(vrid);
        if (candidates == null) {
            count(vrid < 0 ? DropReason.TRUNCATED.counterName() : UNKNOWN_VRID);
            return;
        }
        pick(candidates, source).receive(vrrp, source, destination, ttl);
    }

    private static RawVrrpChannel pick(List<RawVrrpChannel> candidates, InetAddress source) {
        if (candidates.size() > 1) {
            for (RawVrrpChannel channel : candidates) {
                if (channel.spec().unicastPeers().contains(source)) {
                    return channel;
                }
            }
        }
        return candidates.get(0);
    }

    @Override
    public void malformed(MalformedAdvertisementException problem) {
        String reason = problem.reason().counterName();
        count(reason);
        log.log(Level.WARN, "malformed/" + interfaceName + "/" + reason, "dropped packet on " + interfaceName + ": " + problem.getMessage());
    }
}
