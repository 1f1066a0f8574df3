package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AddressFamily;
import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.EventWaiter;
import io.spare.api.VirtualAddress;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The poller thread on real file descriptors (eventfds standing in for raw sockets, so no
 * privileges are needed): it reads whichever socket has input, and a socket's fd is closed only
 * once the thread has let go of it.
 */
class ReceivePollerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress GROUP = InterfaceSocketTest.ip("224.0.0.18");
    private static final InetAddress PEER = InterfaceSocketTest.ip("10.99.0.2");

    private final LibC libc = Native.libc();
    private final RateLimitedLog log = new RateLimitedLog((level, message) -> {}, () -> 0L, Duration.ofMinutes(1));
    private final List<InterfaceSocket> emptied = new CopyOnWriteArrayList<>();
    private final List<EventFdSocket> opened = new ArrayList<>();
    private final ReceivePoller poller;

    ReceivePollerTest() throws IOException {
        poller = new ReceivePoller(libc, log, Duration.ofMillis(300));
    }

    /** Each write to the eventfd is one advert of {@code vrid} waiting to be read. */
    class EventFdSocket implements VrrpSocket {
        final int fd = libc.eventfd(0, Native.EFD_NONBLOCK | Native.EFD_CLOEXEC);
        final int vrid;
        final List<String> closedBy = new CopyOnWriteArrayList<>();

        EventFdSocket(int vrid) {
            this.vrid = vrid;
            assertThat(fd).isNotNegative();
            opened.add(this);
        }

        void arrive() {
            assertThat(libc.write(fd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8)).isEqualTo(8);
        }

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public boolean receive(Receiver receiver) {
            byte[] counter = new byte[8];
            if (libc.read(fd, counter, 8) < 0) {
                return false;
            }
            receiver.packet(wire(vrid), PEER, GROUP, 255);
            return true;
        }

        @Override
        public void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) {}

        @Override
        public void close() {
            closedBy.add(Thread.currentThread().getName());
            libc.close(fd);
        }
    }

    @AfterEach
    void stop() {
        poller.stop();
        for (EventFdSocket socket : opened) {
            if (socket.closedBy.isEmpty()) {
                libc.close(socket.fd);
            }
        }
    }

    private static ByteBuffer wire(int vrid) {
        ByteBuffer out = ByteBuffer.allocate(64);
        VrrpCodec.encode(new Advertisement(3, vrid, 100, Duration.ofSeconds(1), List.of(InterfaceSocketTest.ip("10.99.0.200")),
                Authentication.NONE), PEER, GROUP, out);
        return out.flip();
    }

    private static ChannelSpec spec(int vrid) {
        return new ChannelSpec("VI_" + vrid, "eth" + vrid, AddressFamily.IPV4, vrid, 3, Authentication.NONE, Duration.ofSeconds(1),
                Optional.empty(), List.of(), List.of(VirtualAddress.of(InterfaceSocketTest.ip("10.99.0.200"), 24)));
    }

    private InterfaceSocket socketWith(EventFdSocket raw, AdvertListener listener) throws IOException {
        InterfaceSocket socket = new InterfaceSocket("eth" + raw.vrid, AddressFamily.IPV4, raw, poller, log, emptied::add);
        socket.register(new RawVrrpChannel(spec(raw.vrid), listener, InterfaceSocketTest.ip("10.99.0.1"), GROUP, socket, log));
        socket.start();
        return socket;
    }

    @Test
    void oneThreadReadsWhicheverSocketHasInput() throws Exception {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        EventFdSocket rawOne = new EventFdSocket(1);
        EventFdSocket rawTwo = new EventFdSocket(2);
        socketWith(rawOne, one);
        socketWith(rawTwo, two);

        rawTwo.arrive();
        assertThat(RecordingListener.await(WAIT, () -> two.adverts.size() == 1, () -> {})).isTrue();
        rawOne.arrive();
        rawTwo.arrive();
        assertThat(RecordingListener.await(WAIT, () -> one.adverts.size() == 1 && two.adverts.size() == 2, () -> {})).isTrue();
        assertThat(one.adverts.get(0).advertisement().vrid()).isEqualTo(1);
    }

    @Test
    void stopFromAnotherThreadReturnsOnlyOnceTheFdIsLetGoAndClosed() throws Exception {
        RecordingListener kept = new RecordingListener();
        EventFdSocket rawGone = new EventFdSocket(1);
        EventFdSocket rawKept = new EventFdSocket(2);
        InterfaceSocket gone = socketWith(rawGone, new RecordingListener());
        socketWith(rawKept, kept);

        gone.stop();

        assertThat(rawGone.closedBy).containsExactly(Thread.currentThread().getName());
        rawKept.arrive();
        assertThat(RecordingListener.await(WAIT, () -> kept.adverts.size() == 1, () -> {})).isTrue();
    }

    @Test
    void aListenerClosingTheLastChannelOnThePollerThreadClosesTheFdAfterItsRound() throws Exception {
        EventFdSocket raw = new EventFdSocket(1);
        List<String> deliveredOn = new CopyOnWriteArrayList<>();
        List<Boolean> closedWithinRound = new CopyOnWriteArrayList<>();
        InterfaceSocket[] socket = new InterfaceSocket[1];
        RawVrrpChannel[] channel = new RawVrrpChannel[1];
        AdvertListener closing = new AdvertListener() {
            @Override
            public void onAdvert(Advertisement advertisement, InetAddress source) {
                deliveredOn.add(Thread.currentThread().getName());
                channel[0].close();
                // Still inside the round that polled this fd: it must not be closed yet.
                closedWithinRound.add(!raw.closedBy.isEmpty());
            }
        };
        socket[0] = new InterfaceSocket("eth1", AddressFamily.IPV4, raw, poller, log, s -> s.stop());
        channel[0] = new RawVrrpChannel(spec(1), closing, InterfaceSocketTest.ip("10.99.0.1"), GROUP, socket[0], log);
        socket[0].register(channel[0]);
        socket[0].start();

        raw.arrive();

        assertThat(RecordingListener.await(WAIT, () -> !raw.closedBy.isEmpty(), () -> {})).isTrue();
        assertThat(deliveredOn).containsExactly("vrrp-rx");
        assertThat(closedWithinRound).containsExactly(false);
        assertThat(raw.closedBy).containsExactly("vrrp-rx");
        assertThat(channel[0].counters()).doesNotContainKey("listener_errors");
    }

    @Test
    void aSocketThePollerCannotLetGoOfIsLeftOpenNotClosedUnderIt() throws Exception {
        EventFdSocket raw = new EventFdSocket(1);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AdvertListener stuck = new AdvertListener() {
            @Override
            public void onAdvert(Advertisement advertisement, InetAddress source) {
                inListener.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        InterfaceSocket socket = socketWith(raw, stuck);
        raw.arrive();
        assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();

        socket.stop();

        assertThat(raw.closedBy).as("closed while the poller may still hold the fd").isEmpty();
        release.countDown();
    }

    @Test
    void drivenByALoopTheSocketsAreReadOnTheLoopsThreadAndOnItsOwnAfterDetach() throws Exception {
        EventWaiter waiter = poller.asWaiter();
        AtomicBoolean looping = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            while (looping.get()) {
                waiter.await(Duration.ofMillis(20).toNanos());
            }
            waiter.detach();
        }, "test-loop");
        List<String> deliveredOn = new CopyOnWriteArrayList<>();
        AdvertListener threads = new AdvertListener() {
            @Override
            public void onAdvert(Advertisement advertisement, InetAddress source) {
                deliveredOn.add(Thread.currentThread().getName());
            }
        };
        EventFdSocket raw = new EventFdSocket(1);
        EventFdSocket rawGone = new EventFdSocket(2);
        socketWith(raw, threads);
        InterfaceSocket gone = socketWith(rawGone, new RecordingListener());
        loop.start();
        try {
            raw.arrive();
            assertThat(RecordingListener.await(WAIT, () -> deliveredOn.size() == 1, () -> {})).isTrue();
            assertThat(deliveredOn).containsExactly("test-loop");
            assertThat(threadAlive()).as("no thread of the poller's own while a loop drives it").isFalse();

            gone.stop();
            assertThat(rawGone.closedBy).containsExactly(Thread.currentThread().getName());
        } finally {
            looping.set(false);
            loop.join(5_000);
        }
        raw.arrive();
        assertThat(RecordingListener.await(WAIT, () -> deliveredOn.size() == 2, () -> {})).isTrue();
        assertThat(deliveredOn.get(1)).isEqualTo("vrrp-rx");
    }

    @Test
    @Timeout(20)
    void aSocketThatNeverRunsDryCannotKeepTheLoopInsideAWait() throws Exception {
        EventWaiter waiter = poller.asWaiter();
        // Always readable and always one more packet: a flood.
        EventFdSocket flood = new EventFdSocket(1) {
            @Override
            public boolean receive(Receiver receiver) {
                receiver.packet(wire(vrid), PEER, GROUP, 255);
                return true;
            }
        };
        flood.arrive();
        RecordingListener listener = new RecordingListener();
        socketWith(flood, listener);

        long started = System.nanoTime();
        waiter.await(Duration.ofSeconds(10).toNanos());

        assertThat(listener.adverts).as("one round reads a bounded number of packets per socket").hasSize(ReceivePoller.DRAIN_LIMIT);
        assertThat(System.nanoTime() - started).as("and returns, so the loop's timers run").isLessThan(Duration.ofSeconds(5).toNanos());
        waiter.detach();
    }

    @Test
    void stopEndsTheThread() throws Exception {
        socketWith(new EventFdSocket(1), new RecordingListener());
        assertThat(threadAlive()).isTrue();
        poller.stop();
        assertThat(RecordingListener.await(WAIT, () -> !threadAlive(), () -> {})).isTrue();
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("vrrp-rx") && t.isAlive());
    }
}
