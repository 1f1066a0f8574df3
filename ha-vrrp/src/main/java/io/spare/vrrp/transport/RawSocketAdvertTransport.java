package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressFamily;
import io.spare.api.AdvertListener;
import io.spare.api.AdvertTransport;
import io.spare.api.AuthType;
import io.spare.api.ChannelSpec;
import io.spare.api.EventWaiter;
import io.spare.api.Ticker;
import io.spare.api.VrrpChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;

/**
 * VRRP over raw IP sockets (protocol 112), on the wire exactly as keepalived. One socket per
 * interface and address family, shared by all channels on it; one thread polls them all: the
 * engine's event loop when it waits through {@link #eventWaiter()}, else a thread of our own.
 *
 * <p>Interfaces are looked up, and sockets created, in the network namespace of the thread that
 * calls {@link #open}; use one transport per namespace. The source address and the interface's
 * index are read when a channel opens: a channel on an interface that is re-created or renumbered
 * must be reopened.
 *
 * <p>{@link VrrpChannel#counters()} names: {@code received}, {@code sent}, {@code send_errors},
 * {@code priority_zero_received}, {@code address_list_mismatch} and {@code interval_mismatch}
 * (accepted, logged), {@code listener_errors}; drops per {@link io.spare.vrrp.codec.DropReason}
 * ({@code ttl}, {@code auth}, {@code auth_type}, {@code interval}, {@code version},
 * {@code checksum}, {@code truncated}, {@code destination}, {@code source}, ...); and, prefixed
 * {@code interface.}, what the shared socket could not attribute to a VRID ({@code unknown_vrid},
 * {@code ip_header}, {@code ip_length}, {@code protocol}, {@code receive_errors}).
 */
public final class RawSocketAdvertTransport implements AdvertTransport {
    /** How often one kind of packet problem is logged at most. */
    public static final Duration LOG_PERIOD = Duration.ofMinutes(1);

    private final LibC libc;
    private final RateLimitedLog log;
    private final Map<String, InterfaceSocket> sockets = new HashMap<>();
    /** Made with the first socket. */
    private ReceivePoller poller;
    private boolean closed;

    public RawSocketAdvertTransport() {
        this(Ticker.system());
    }

    public RawSocketAdvertTransport(Ticker ticker) {
        this.libc = Native.libc();
        this.log = new RateLimitedLog(RateLimitedLog.Sink.of(LogManager.getLogger(RawSocketAdvertTransport.class)), requireNonNull(ticker), LOG_PERIOD);
    }

    @Override
    public synchronized VrrpChannel open(ChannelSpec spec, AdvertListener listener) throws IOException {
        requireNonNull(spec, "spec");
        requireNonNull(listener, "listener");
        if (closed) {
            throw new IOException("the VRRP transport is closed");
        }
        validate(spec);
        InterfaceLookup.Facts facts = new InterfaceLookup(libc).lookup(spec.interfaceName(), spec.family());
        InetAddress source = spec.sourceAddress().isPresent() ? spec.sourceAddress().get() : facts.defaultSource(spec.family());
        String key = spec.interfaceName() + "/" + spec.family();
        InterfaceSocket socket = sockets.get(key);
        boolean created = false;
        if (socket == null) {
            if (poller == null) {
                poller = new ReceivePoller(libc, log);
            }
            VrrpSocket raw = spec.family() == AddressFamily.IPV4 ? Ipv4RawSocket.open(libc, facts) : Ipv6RawSocket.open(libc, facts);
            socket = new InterfaceSocket(spec.interfaceName(), spec.family(), raw, poller, log, this::socketEmpty);
            created = true;
        }
        RawVrrpChannel channel = new RawVrrpChannel(spec, listener, source, group(spec.family()), socket, log);
        try {
            socket.register(channel);
        } catch (IOException e) {
            if (created) {
                socket.stop();
            }
            throw e;
        }
        if (created) {
            sockets.put(key, socket);
            socket.start();
        }
        return channel;
    }

    /** Lets the engine's loop read the sockets itself; only before the first channel. */
    @Override
    public synchronized Optional<EventWaiter> eventWaiter() {
        if (closed || !sockets.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (poller == null) {
                poller = new ReceivePoller(libc, log);
            }
            return Optional.of(poller.asWaiter());
        } catch (IOException | IllegalStateException e) {
            log.log(Level.WARN, "poller/waiter", "VRRP sockets are read on a thread of their own: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void validate(ChannelSpec spec) throws IOException {
        String where = "(" + spec.instance() + ") ";
        if (spec.version() != 2 && spec.version() != 3) {
            throw new IOException(where + "VRRP version must be 2 or 3 (was " + spec.version() + ")");
        }
        if (spec.vrid() < 1 || spec.vrid() > 255) {
            throw new IOException(where + "virtual_router_id must be 1..255 (was " + spec.vrid() + ")");
        }
        if (spec.authentication().type() == AuthType.AH) {
            throw new IOException(where + "auth_type AH is not supported by the raw transport; use PASS or none");
        }
        for (InetAddress peer : spec.unicastPeers()) {
            if (!spec.family().contains(peer)) {
                throw new IOException(where + "unicast_peer " + peer.getHostAddress() + " is not " + spec.family());
            }
        }
        if (spec.sourceAddress().isPresent() && !spec.family().contains(spec.sourceAddress().get())) {
            throw new IOException(where + "source address " + spec.sourceAddress().get().getHostAddress() + " is not " + spec.family());
        }
    }

    static InetAddress group(AddressFamily family) {
        try {
            return InetAddress.getByAddress(family == AddressFamily.IPV4 ? Ipv4RawSocket.GROUP : Ipv6RawSocket.GROUP);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void socketEmpty(InterfaceSocket socket) {
        synchronized (this) {
            String key = socket.interfaceName() + "/" + socket.family();
            if (sockets.get(key) != socket || !socket.isEmpty()) {
                return;
            }
            sockets.remove(key);
        }
        socket.stop();
    }

    /** Closes every socket and stops the receive thread. */
    @Override
    public void close() {
        List<InterfaceSocket> open;
        ReceivePoller stopping;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sockets.values());
            sockets.clear();
            stopping = poller;
            poller = null;
        }
        for (InterfaceSocket socket : open) {
            socket.stop();
        }
        if (stopping != null) {
            stopping.stop();
        }
    }
}
