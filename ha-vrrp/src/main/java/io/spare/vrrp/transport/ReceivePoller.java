package io.spare.vrrp.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.apache.logging.log4j.Level;

/**
 * One thread that waits in poll(2) on every VRRP socket of a transport and drains the ready ones,
 * as keepalived's scheduler does. A thread per socket woke once per packet burst per interface:
 * on a host with many interfaces those wake-ups, not the packets, were most of a BACKUP's CPU.
 *
 * <p>Sockets come and go through a generation count: a removal returns only once the thread has
 * started a round without the socket, so the caller may close its fd (a closed fd number could be
 * reused under a poll still holding it). An eventfd wakes the poll for such changes and for stop.
 */
final class ReceivePoller implements ReceiveScheduler {
    /** Packets read from one socket per round, so that a flood on one interface cannot starve the others. */
    static final int DRAIN_LIMIT = 64;
    private static final int POLLFD = 8;
    private static final long ERROR_PAUSE_MILLIS = 10;
    /** How long a removal or stop waits for the thread, which is only ever stuck in a listener that never returns. */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private final LibC libc;
    private final RateLimitedLog log;
    private final int wakeFd;
    /** 1 as the eventfd's 8-byte counter, in host (little-endian) order. */
    private final byte[] wakeValue = {1, 0, 0, 0, 0, 0, 0, 0};
    private final byte[] wakeDrain = new byte[8];
    private final Thread thread;
    private final Duration releaseWait;

    /** Guarded by {@code this}. */
    private List<InterfaceSocket> sockets = List.of();
    private long requested;
    private long applied;
    private boolean stopping;
    private boolean started;
    /** Set when {@link #stop} ran on this thread itself. Poller thread only. */
    private boolean closeWakeFdOnExit;

    /** Closes asked for by the poller thread itself (a listener closing the last channel): run after the round. Poller thread only. */
    private final List<Runnable> afterRound = new ArrayList<>();
    private Pointer pollfds;
    private int pollfdCapacity;

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
        this.thread = new Thread(this::run, "vrrp-rx");
        thread.setDaemon(true);
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
            if (!started) {
                started = true;
                thread.start();
            }
        }
        wake();
    }

    @Override
    public void remove(InterfaceSocket socket, Runnable released) {
        long target;
        synchronized (this) {
            List<InterfaceSocket> next = new ArrayList<>(sockets);
            next.remove(socket);
            sockets = List.copyOf(next);
            target = ++requested;
        }
        if (Thread.currentThread() == thread) {
            // A listener on this thread closed the last channel: the fd may still be in this round's poll set.
            afterRound.add(released);
            return;
        }
        wake();
        if (awaitApplied(target)) {
            released.run();
        } else {
            // Closing an fd that a poll may still hold could close whatever reuses its number: leak it instead.
            log.log(Level.ERROR, "poller/remove", "the VRRP receive thread did not let go of " + socket.interfaceName()
                    + " within " + RELEASE_WAIT.toSeconds() + " s; leaving its socket open");
        }
    }

    /** Stops the thread and closes the eventfd; sockets still registered are the caller's to close. Idempotent. */
    void stop() {
        boolean wasStarted;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            requested++;
            wasStarted = started;
        }
        wake();
        if (Thread.currentThread() == thread) {
            // Stopped from a listener: the thread ends after this round and closes the eventfd itself.
            closeWakeFdOnExit = true;
            return;
        }
        if (wasStarted) {
            awaitStopped();
        }
        if (thread.isAlive()) {
            log.log(Level.ERROR, "poller/stop", "the VRRP receive thread did not stop; leaving its eventfd open");
            return;
        }
        libc.close(wakeFd);
    }

    /** Whether the thread started a round after {@code target}, or ended, within the release wait. */
    private boolean awaitApplied(long target) {
        boolean interrupted = false;
        boolean stopped;
        long deadline = System.nanoTime() + releaseWait.toNanos();
        try {
            synchronized (this) {
                while (applied < target && started && thread.isAlive() && !stopping) {
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
                if (!stopping) {
                    return true;
                }
                stopped = !started;
            }
            if (!stopped) {
                awaitStopped();
            }
            return !thread.isAlive();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitStopped() {
        try {
            thread.join(releaseWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        if (libc.write(wakeFd, wakeValue, 8) < 0) {
            int errno = Native.errno();
            // EAGAIN: the counter is already at its maximum, so the poller is woken anyway.
            if (errno != Native.EAGAIN) {
                log.log(Level.ERROR, "poller/wake", Native.failure("waking the VRRP receive thread (eventfd write)", errno).getMessage());
            }
        }
    }

    private void run() {
        try {
            while (true) {
                List<InterfaceSocket> round;
                synchronized (this) {
                    if (stopping) {
                        applied = requested;
                        notifyAll();
                        return;
                    }
                    round = sockets;
                    applied = requested;
                    notifyAll();
                }
                pollOnce(round);
                runAfterRound();
            }
        } catch (RuntimeException | Error e) {
            // Nothing is received any more: every BACKUP on this host will take over. Say so loudly.
            log.log(Level.ERROR, "poller/died", "the VRRP receive thread died; no adverts are received any more: " + e);
            throw e;
        } finally {
            runAfterRound();
            if (closeWakeFdOnExit) {
                libc.close(wakeFd);
            }
        }
    }

    private void pollOnce(List<InterfaceSocket> round) {
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
        int ready = libc.poll(fds, count, -1);
        if (ready < 0) {
            int errno = Native.errno();
            if (errno != Native.EINTR) {
                log.log(Level.ERROR, "poller/poll", Native.failure("poll on the VRRP sockets", errno).getMessage());
                pause();
            }
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
            // A persistent socket error must not turn this thread into a busy loop.
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
            // This thread stops through stop(), not through interrupts: carry on.
        }
    }
}
