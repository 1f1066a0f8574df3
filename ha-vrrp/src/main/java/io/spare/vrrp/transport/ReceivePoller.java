package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import io.spare.api.EventWaiter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.apache.logging.log4j.Level;

/**
 * Waits in ppoll(2) on every VRRP socket of a transport and drains the ready ones, as keepalived's
 * scheduler does. Either on a thread of its own ({@code vrrp-rx}), or, when the engine's event
 * loop waits through {@link #asWaiter()}, on the loop's thread: then an advert wakes one thread,
 * not a reader and then the loop.
 *
 * <p>Sockets come and go through a generation count: a removal returns only once the reading
 * thread has started a round without the socket, so the caller may close its fd (a closed fd
 * number could be reused under a poll still holding it). An eventfd wakes the poll for such
 * changes, for stop and for the loop's own wake-ups.
 */
final class ReceivePoller implements ReceiveScheduler {
    /** Packets read from one socket per round, so that a flood on one interface cannot starve the others. */
    static final int DRAIN_LIMIT = 64;
    private static final int POLLFD = 8;
    private static final long ERROR_PAUSE_MILLIS = 10;
    private static final long NO_TIMEOUT = -1;
    /** How long a removal or stop waits for the reading thread, which is only ever stuck in a listener that never returns. */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private final LibC libc;
    private final RateLimitedLog log;
    private final int wakeFd;
    /** 1 as the eventfd's 8-byte counter, in host (little-endian) order. */
    private final byte[] wakeValue = {1, 0, 0, 0, 0, 0, 0, 0};
    private final byte[] wakeDrain = new byte[8];
    private final Object wakeLock = new Object();
    /** Guarded by {@link #wakeLock}. */
    private boolean wakeClosed;
    private final Thread ownThread;
    private final Duration releaseWait;

    /** Guarded by {@code this}. */
    private List<InterfaceSocket> sockets = List.of();
    private long requested;
    private long applied;
    private boolean stopping;
    private boolean ownThreadStarted;
    /** Set when {@link #stop} ran on the poller's own thread: that thread closes the eventfd on its way out. */
    private volatile boolean stoppedFromOwnThread;
    /** An event loop waits through this poller. */
    private boolean driven;
    /** The thread that polls now: our own, or the loop's once it has waited here; null before either. */
    private Thread reader;

    /** Closes asked for by the reading thread itself (a listener closing the last channel): run after the round. Reader only. */
    private final List<Runnable> afterRound = new ArrayList<>();
    private Pointer pollfds;
    private int pollfdCapacity;
    private final Pointer timeout = Memory.allocateDirect(Native.runtime(), 16, true);

    ReceivePoller(LibC libc, RateLimitedLog log) throws IOException {
        this(libc, log, RELEASE_WAIT);
    }

    ReceivePoller(LibC libc, RateLimitedLog log, Duration releaseWait) throws IOException {
        this.releaseWait = requireNonNull(releaseWait, "releaseWait");
        this.libc = requireNonNull(libc, "libc");
        this.log = requireNonNull(log, "log");
        this.wakeFd = libc.eventfd(0, Native.EFD_NONBLOCK | Native.EFD_CLOEXEC);
        if (wakeFd < 0) {
            throw Native.failure("eventfd", Native.errno());
        }
        this.ownThread = new Thread(this::run, "vrrp-rx");
        ownThread.setDaemon(true);
    }

    /**
     * Hands the reading to the thread that calls {@link EventWaiter#await}: the engine's loop. Only
     * before the first socket; after {@link EventWaiter#detach} the poller reads on its own thread.
     */
    synchronized EventWaiter asWaiter() {
        if (ownThreadStarted || driven || !sockets.isEmpty()) {
            throw new IllegalStateException("the VRRP sockets are already being read");
        }
        driven = true;
        return new LoopWaiter();
    }

    @Override
    public void add(InterfaceSocket socket) {
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the VRRP receive thread is stopped");
            }
            List<InterfaceSocket> next = new ArrayList<>(sockets);
            next.add(requireNonNull(socket, "socket"));
            sockets = List.copyOf(next);
            requested++;
            if (!driven) {
                startOwnThread();
            }
        }
        wake();
    }

    @Override
    public void remove(InterfaceSocket socket, Runnable released) {
        long target;
        Thread current;
        synchronized (this) {
            List<InterfaceSocket> next = new ArrayList<>(sockets);
            next.remove(socket);
            sockets = List.copyOf(next);
            target = ++requested;
            current = reader;
        }
        if (Thread.currentThread() == current) {
            // A listener on the reading thread closed the last channel: the fd may still be in this round's poll set.
            afterRound.add(released);
            return;
        }
        wake();
        if (awaitApplied(target)) {
            released.run();
        } else {
            // Closing an fd that a poll may still hold could close whatever reuses its number: leak it instead.
            log.log(Level.ERROR, "poller/remove", "the VRRP receive thread did not let go of " + socket.interfaceName()
                    + " within " + releaseWait.toMillis() + " ms; leaving its socket open");
        }
    }

    /**
     * Stops reading and, once no thread polls any more, closes the eventfd; sockets still registered
     * are the caller's to close. A loop that waits here keeps waiting (on the eventfd alone) until it
     * detaches. Idempotent.
     */
    void stop() {
        boolean own;
        boolean idle;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            requested++;
            own = ownThreadStarted && !driven;
            idle = !ownThreadStarted && !driven;
        }
        if (idle) {
            closeWakeFd();
            return;
        }
        wake();
        if (!own) {
            // A loop waits here: it closes the eventfd when it detaches.
            return;
        }
        if (Thread.currentThread() == ownThread) {
            // Stopped from a listener: the thread ends after this round and closes the eventfd itself.
            stoppedFromOwnThread = true;
            return;
        }
        awaitOwnThread();
        if (ownThread.isAlive()) {
            log.log(Level.ERROR, "poller/stop", "the VRRP receive thread did not stop; leaving its eventfd open");
            return;
        }
        closeWakeFd();
    }

    /** Must hold the lock. */
    private void startOwnThread() {
        if (!ownThreadStarted) {
            ownThreadStarted = true;
            reader = ownThread;
            ownThread.start();
        }
    }

    /** Whether the reader started a round after {@code target}, or there is none, within the release wait. */
    private boolean awaitApplied(long target) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + releaseWait.toNanos();
        try {
            synchronized (this) {
                while (applied < target && reader != null && reader.isAlive()) {
                    if (stopping && reader == ownThread) {
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        wait(Math.max(1, Math.min(100, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (!(stopping && reader == ownThread && ownThreadStarted)) {
                    return true;
                }
            }
            awaitOwnThread();
            return !ownThread.isAlive();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitOwnThread() {
        try {
            ownThread.join(releaseWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        synchronized (wakeLock) {
            // Once closed, the number may already belong to another file: never write to it again.
            if (wakeClosed) {
                return;
            }
            if (libc.write(wakeFd, wakeValue, 8) < 0) {
                int errno = Native.errno();
                // EAGAIN: the counter is already at its maximum, so the reader is woken anyway.
                if (errno != Native.EAGAIN) {
                    log.log(Level.ERROR, "poller/wake", Native.failure("waking the VRRP receive thread (eventfd write)", errno).getMessage());
                }
            }
        }
    }

    private void closeWakeFd() {
        synchronized (wakeLock) {
            if (!wakeClosed) {
                wakeClosed = true;
                libc.close(wakeFd);
            }
        }
    }

    /** Takes the socket list for one round and tells removers waiting for it; null when stopped. */
    private synchronized List<InterfaceSocket> startRound() {
        applied = requested;
        notifyAll();
        return stopping ? null : sockets;
    }

    private void run() {
        try {
            while (true) {
                List<InterfaceSocket> round = startRound();
                if (round == null) {
                    return;
                }
                pollOnce(round, NO_TIMEOUT);
                runAfterRound();
            }
        } catch (RuntimeException | Error e) {
            // Nothing is received any more: every BACKUP on this host will take over. Say so loudly.
            log.log(Level.ERROR, "poller/died", "the VRRP receive thread died; no adverts are received any more: " + e);
            throw e;
        } finally {
            runAfterRound();
            if (stoppedFromOwnThread) {
                closeWakeFd();
            }
        }
    }

    /** The engine's loop waiting here. */
    private final class LoopWaiter implements EventWaiter {
        @Override
        public void await(long timeoutNanos) {
            List<InterfaceSocket> round;
            synchronized (ReceivePoller.this) {
                if (!driven) {
                    return;
                }
                reader = Thread.currentThread();
                round = startRound();
            }
            try {
                pollOnce(round == null ? List.of() : round, Math.max(0, timeoutNanos));
            } finally {
                runAfterRound();
            }
        }

        @Override
        public void wakeup() {
            wake();
        }

        @Override
        public void detach() {
            runAfterRound();
            boolean close;
            synchronized (ReceivePoller.this) {
                driven = false;
                reader = null;
                applied = requested;
                ReceivePoller.this.notifyAll();
                close = stopping;
                if (!stopping && !sockets.isEmpty()) {
                    startOwnThread();
                }
            }
            if (close) {
                closeWakeFd();
            }
        }
    }

    private void pollOnce(List<InterfaceSocket> round, long timeoutNanos) {
        int count = round.size() + 1;
        Pointer fds = pollfds(count);
        fds.putInt(0, wakeFd);
        fds.putShort(4, Native.POLLIN);
        fds.putShort(6, (short) 0);
        for (int i = 0; i < round.size(); i++) {
            int at = (i + 1) * POLLFD;
            fds.putInt(at, round.get(i).fd());
            fds.putShort(at + 4, Native.POLLIN);
            fds.putShort(at + 6, (short) 0);
        }
        Pointer limit = null;
        if (timeoutNanos != NO_TIMEOUT) {
            timeout.putLong(0, timeoutNanos / 1_000_000_000L);
            timeout.putLong(8, timeoutNanos % 1_000_000_000L);
            limit = timeout;
        }
        int ready = libc.ppoll(fds, count, limit, null);
        if (ready < 0) {
            int errno = Native.errno();
            if (errno != Native.EINTR) {
                log.log(Level.ERROR, "poller/poll", Native.failure("ppoll on the VRRP sockets", errno).getMessage());
                pause();
            }
            return;
        }
        if (ready == 0) {
            return;
        }
        if (fds.getShort(6) != 0) {
            libc.read(wakeFd, wakeDrain, 8);
        }
        boolean failed = false;
        for (int i = 0; i < round.size(); i++) {
            short events = fds.getShort((i + 1) * POLLFD + 6);
            if (events != 0) {
                failed |= !round.get(i).drain(DRAIN_LIMIT);
            }
        }
        if (failed) {
            // A persistent socket error must not turn the reading thread into a busy loop.
            pause();
        }
    }

    private Pointer pollfds(int count) {
        if (pollfds == null || pollfdCapacity < count) {
            pollfdCapacity = Math.max(count, 8);
            pollfds = Memory.allocateDirect(Native.runtime(), pollfdCapacity * POLLFD, true);
        }
        return pollfds;
    }

    private void runAfterRound() {
        for (Runnable released : afterRound) {
            released.run();
        }
        afterRound.clear();
    }

    private static void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            // The reader stops through stop(), not through interrupts: carry on.
        }
    }
}
