package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.ChannelSpec;
import io.spare.api.VrrpChannel;
import io.spare.vrrp.codec.ReceivePolicy;
import io.spare.vrrp.codec.ReceiveVerdict;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;

/** One virtual router on a shared {@link InterfaceSocket}: its policy, listener and counters. */
final class RawVrrpChannel implements VrrpChannel {
    static final String RECEIVED = "received";
    static final String SENT = "sent";
    static final String SEND_ERRORS = "send_errors";
    static final String PRIORITY_ZERO = "priority_zero_received";
    static final String ADDRESS_LIST = "address_list_mismatch";
    static final String INTERVAL_MISMATCH = "interval_mismatch";
    static final String OLD_UNICAST_CHECKSUM = "old_unicast_checksum";
    static final String LISTENER_ERRORS = "listener_errors";

    private final ChannelSpec spec;
    private final ReceivePolicy policy;
    private final AdvertListener listener;
    private final InetAddress source;
    private final List<InetAddress> destinations;
    private final InterfaceSocket socket;
    private final RateLimitedLog log;
    private final Counters counters = new Counters();

    RawVrrpChannel(ChannelSpec spec, AdvertListener listener, InetAddress source, InetAddress group, InterfaceSocket socket, RateLimitedLog log) {
        this.spec = requireNonNull(spec);
        this.policy = new ReceivePolicy(spec);
        this.listener = requireNonNull(listener);
        this.source = requireNonNull(source);
        this.destinations = spec.unicast() ? spec.unicastPeers() : List.of(group);
        this.socket = requireNonNull(socket);
        this.log = requireNonNull(log);
    }

    ChannelSpec spec() {
        return spec;
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }

    /**
     * Reused for every advert: a node with a thousand instances sends a thousand adverts a second,
     * and a fresh buffer each time was most of its garbage. Sized to this channel's adverts.
     */
    private ByteBuffer sendBuffer;

    @Override
    public synchronized void send(Advertisement advertisement) throws IOException {
        if (advertisement.vrid() != spec.vrid() || advertisement.version() != spec.version()) {
            throw new IllegalArgumentException("(" + spec.instance() + ") advert for VRID " + advertisement.vrid() + " v"
                    + advertisement.version() + " on a channel of VRID " + spec.vrid() + " v" + spec.version());
        }
        IOException first = null;
        int length = VrrpCodec.encodedLength(advertisement, spec.family());
        if (sendBuffer == null || sendBuffer.capacity() < length) {
            sendBuffer = ByteBuffer.allocate(length);
        }
        ByteBuffer buffer = sendBuffer;
        // One copy per unicast peer: the v3 checksum covers the actual destination.
        for (InetAddress destination : destinations) {
            buffer.clear();
            VrrpCodec.encode(advertisement, source, destination, buffer);
            buffer.flip();
            try {
                socket.send(buffer, source, destination);
                count(SENT);
            } catch (IOException e) {
                count(SEND_ERRORS);
                log.log(Level.WARN, spec.instance() + "/send/" + destination, "(" + spec.instance() + ") cannot send advert to "
                        + destination.getHostAddress() + " on " + spec.interfaceName() + ": " + e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The last advert this channel accepted, as received. A steady master sends the same bytes
     * every interval, and the verdict is a function of bytes, addresses and TTL only: a repeat
     * reuses it instead of decoding again. Receive thread only.
     */
    private ByteBuffer repeatBytes = ByteBuffer.allocate(0);
    private InetAddress repeatFrom;
    private InetAddress repeatTo;
    private int repeatTtl;
    private ReceiveVerdict repeatVerdict;

    /** Runs on the socket's receive thread. */
    void receive(ByteBuffer vrrp, InetAddress from, InetAddress to, int ttl) {
        ReceiveVerdict verdict = isRepeat(vrrp, from, to, ttl) ? repeatVerdict : policy.check(vrrp, from, to, ttl);
        if (verdict != repeatVerdict && verdict.outcome() == ReceiveVerdict.Outcome.ACCEPT) {
            remember(vrrp, from, to, ttl, verdict);
        }
        try {
            switch (verdict.outcome()) {
                case ACCEPT -> accept(verdict, from);
                case VERSION_MISMATCH -> {
                    count(verdict.dropReason().orElseThrow().counterName());
                    log.log(Level.WARN, spec.instance() + "/version/" + from, "(" + spec.instance() + ") " + verdict.detail()
                            + " from " + from.getHostAddress());
                    listener.onVersionMismatch(from, verdict.receivedVersion());
                }
                case DROP -> {
                    String reason = verdict.dropReason().orElseThrow().counterName();
                    count(reason);
                    log.log(Level.WARN, spec.instance() + "/" + reason, "(" + spec.instance() + ") dropped advert from "
                            + from.getHostAddress() + " on " + spec.interfaceName() + ": " + verdict.detail());
                }
            }
        } catch (RuntimeException e) {
            count(LISTENER_ERRORS);
            log.log(Level.ERROR, spec.instance() + "/listener", "(" + spec.instance() + ") advert listener failed: " + e);
        }
    }

    private boolean isRepeat(ByteBuffer vrrp, InetAddress from, InetAddress to, int ttl) {
        return repeatVerdict != null && ttl == repeatTtl && from.equals(repeatFrom) && to.equals(repeatTo)
                && vrrp.mismatch(repeatBytes) == -1;
    }

    private void remember(ByteBuffer vrrp, InetAddress from, InetAddress to, int ttl, ReceiveVerdict verdict) {
        int length = vrrp.remaining();
        if (repeatBytes.capacity() != length) {
            repeatBytes = ByteBuffer.allocate(length);
        }
        vrrp.get(vrrp.position(), repeatBytes.array(), 0, length);
        repeatFrom = from;
        repeatTo = to;
        repeatTtl = ttl;
        repeatVerdict = verdict;
    }

    private void accept(ReceiveVerdict verdict, InetAddress from) {
        Advertisement advertisement = verdict.advertisement().orElseThrow();
        count(RECEIVED);
        if (advertisement.priority() == 0) {
            count(PRIORITY_ZERO);
        }
        if (verdict.addressListMismatch()) {
            count(ADDRESS_LIST);
            log.log(Level.WARN, spec.instance() + "/addresses", "(" + spec.instance() + ") advert from " + from.getHostAddress()
                    + " lists " + advertisement.addresses() + ", ours are " + spec.virtualAddresses() + " (accepted, as keepalived)");
        }
        if (verdict.oldUnicastChecksum()) {
            count(OLD_UNICAST_CHECKSUM);
            log.log(Level.INFO, spec.instance() + "/old-checksum", "(" + spec.instance() + ") advert from " + from.getHostAddress()
                    + " carries the pre-1.3.6 keepalived unicast checksum (over 224.0.0.18); accepted");
        }
        if (verdict.intervalMismatch()) {
            count(INTERVAL_MISMATCH);
            log.log(Level.INFO, spec.instance() + "/interval", "(" + spec.instance() + ") advertisement interval mismatch: ours "
                    + spec.advertInterval().toMillis() + " ms, received " + advertisement.advertInterval().toMillis() + " ms");
        }
        listener.onAdvert(advertisement, from);
    }

    void count(String counter) {
        counters.increment(counter);
    }

    /** This channel's counters plus those of the shared interface socket, prefixed {@code interface.}. */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = counters.snapshot("");
        socket.counters().forEach((name, value) -> snapshot.put("interface." + name, value));
        return snapshot;
    }

    @Override
    public void close() {
        socket.release(this);
    }
}
