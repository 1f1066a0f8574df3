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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One raw socket per interface and address family, shared by every virtual router on it, with one
 * receive thread that dispatches by VRID (and, for duplicate VRIDs in unicast, by peer) as
 * keepalived's scheduler does.
 */
final class InterfaceSocket implements VrrpSocket.Receiver {
    private static final Logger LOG = LogManager.getLogger(InterfaceSocket.class);
    static final String UNKNOWN_VRID = "unknown_vrid";
    private static final long ERROR_PAUSE_MILLIS = 100;

    private final String interfaceName;
    private final AddressFamily family;
    private final VrrpSocket socket;
    private final RateLimitedLog log;
    private final Consumer<InterfaceSocket> onEmpty;
    private final Counters counters = new Counters();
    /** Replaced as a whole: the receive thread reads it without locking. */
    private volatile Map<Integer, List<RawVrrpChannel>> byVrid = Map.of();
    private final Thread receiver;
    private volatile boolean closing;
    /** Set when a listener closed the last channel from the receive thread itself. */
    private volatile boolean closeWhenLoopEnds;

    InterfaceSocket(String interfaceName, AddressFamily family, VrrpSocket socket, RateLimitedLog log, Consumer<InterfaceSocket> onEmpty) {
        this.interfaceName = requireNonNull(interfaceName);
        this.family = requireNonNull(family);
        this.socket = requireNonNull(socket);
        this.log = requireNonNull(log);
        this.onEmpty = requireNonNull(onEmpty);
        this.receiver = new Thread(this::receiveLoop, "vrrp-rx-" + interfaceName + "-" + family.name().toLowerCase());
        this.receiver.setDaemon(true);
    }

    void start() {
        receiver.start();
    }

    String interfaceName() {
        return interfaceName;
    }

    AddressFamily family() {
        return family;
    }

    synchronized void register(RawVrrpChannel channel) throws IOException {
        int vrid = channel.spec().vrid();
        List<RawVrrpChannel> same = byVrid.getOrDefault(vrid, List.of());
        for (RawVrrpChannel other : same) {
            // keepalived allows one VRID twice on an interface only when unicast peers tell them apart.
            if (!channel.spec().unicast() || !other.spec().unicast()
                    || other.spec().unicastPeers().stream().anyMatch(channel.spec().unicastPeers()::contains)) {
                throw new IOException("(" + channel.spec().instance() + ") VRID " + vrid + " on " + interfaceName + " "
                        + family + " is already used by " + other.spec().instance());
            }
        }
        Map<Integer, List<RawVrrpChannel>> next = new HashMap<>(byVrid);
        List<RawVrrpChannel> list = new ArrayList<>(same);
        list.add(channel);
        next.put(vrid, List.copyOf(list));
        byVrid = Map.copyOf(next);
    }

    /** Removes a channel; the last one out stops the thread and closes the socket. */
    void release(RawVrrpChannel channel) {
        boolean empty;
        synchronized (this) {
            int vrid = channel.spec().vrid();
            List<RawVrrpChannel> list = new ArrayList<>(byVrid.getOrDefault(vrid, List.of()));
            if (!list.remove(channel)) {
                return;
            }
            Map<Integer, List<RawVrrpChannel>> next = new HashMap<>(byVrid);
            if (list.isEmpty()) {
                next.remove(vrid);
            } else {
                next.put(vrid, List.copyOf(list));
            }
            byVrid = Map.copyOf(next);
            empty = next.isEmpty();
        }
        if (empty) {
            onEmpty.accept(this);
        }
    }

    synchronized boolean isEmpty() {
        return byVrid.isEmpty();
    }

    void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException {
        if (closing) {
            throw new IOException("the VRRP socket on " + interfaceName + " is closed");
        }
        socket.send(vrrp, source, destination);
    }

    /** Wakes the blocked receive with shutdown(2), joins the thread, then closes the fd. */
    void stop() {
        closing = true;
        socket.shutdown();
        if (Thread.currentThread() == receiver) {
            // Cannot join ourselves: the loop closes the fd on its way out.
            closeWhenLoopEnds = true;
            return;
        }
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (receiver.isAlive()) {
            LOG.error("VRRP receive thread on {} did not stop; leaving its socket open", interfaceName);
            return;
        }
        socket.close();
    }

    Map<String, Long> counters() {
        return counters.snapshot("");
    }

    private void count(String counter) {
        counters.increment(counter);
    }

    private void receiveLoop() {
        try {
            receiveUntilClosed();
        } finally {
            if (closeWhenLoopEnds) {
                socket.close();
            }
        }
    }

    private void receiveUntilClosed() {
        while (!closing) {
            try {
                if (!socket.receive(this)) {
                    return;
                }
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                count("receive_errors");
                log.log(Level.ERROR, "receive/" + interfaceName, "VRRP receive on " + interfaceName + " failed: " + e.getMessage());
                pauseAfterError();
            } catch (RuntimeException e) {
                count("receive_errors");
                log.log(Level.ERROR, "bug/" + interfaceName, "VRRP receive on " + interfaceName + " hit " + e);
            }
        }
    }

    /** A persistent socket error must not turn the receive thread into a busy loop. */
    private void pauseAfterError() {
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            // This thread stops through stop() (shutdown(2)), not through interrupts: carry on.
            LOG.debug("VRRP receive thread on {} interrupted; ignored", interfaceName);
        }
    }

    @Override
    public void packet(ByteBuffer vrrp, InetAddress source, InetAddress destination, int ttl) {
        int vrid = VrrpCodec.peekVrid(vrrp);
        List<RawVrrpChannel> candidates = byVrid.get(vrid);
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
