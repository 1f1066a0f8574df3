package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.AddressFamily;
import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import io.spare.vrrp.codec.InternetChecksum;
import io.spare.vrrp.codec.MalformedAdvertisementException;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dispatch, counters, unicast copies and closing order of the shared socket, against a fake socket. */
class InterfaceSocketTest {
    private static final InetAddress GROUP = ip("224.0.0.18");

    /** Records sends and lifecycle calls instead of touching the kernel. */
    static final class FakeSocket implements VrrpSocket {
        record Sent(byte[] vrrp, InetAddress source, InetAddress destination) {}

        final List<Sent> sent = new ArrayList<>();
        final List<String> lifecycle = new ArrayList<>();
        IOException failure;

        @Override
        public void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException {
            if (failure != null) {
                throw failure;
            }
            byte[] bytes = new byte[vrrp.remaining()];
            vrrp.duplicate().get(bytes);
            sent.add(new Sent(bytes, source, destination));
        }

        @Override
        public int fd() {
            return -1;
        }

        @Override
        public boolean receive(Receiver receiver) {
            return false;
        }

        @Override
        public void close() {
            lifecycle.add("close");
        }
    }

    private final FakeSocket fake = new FakeSocket();
    private final List<InterfaceSocket> emptied = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog((level, message) -> {}, () -> 0L, Duration.ofMinutes(1));
    /** Stands in for the poller thread: records the calls and lets go of a socket at once. */
    private final ReceiveScheduler scheduler = new ReceiveScheduler() {
        @Override
        public void add(InterfaceSocket socket) {
            fake.lifecycle.add("add");
        }

        @Override
        public void remove(InterfaceSocket socket, Runnable released) {
            fake.lifecycle.add("remove");
            released.run();
        }
    };
    private final InterfaceSocket socket = new InterfaceSocket("eth0", AddressFamily.IPV4, fake, scheduler, log, emptied::add);

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ChannelSpec spec(String name, int vrid, List<InetAddress> peers) {
        return new ChannelSpec(name, "eth0", AddressFamily.IPV4, vrid, 3, Authentication.NONE, Duration.ofSeconds(1), Optional.empty(),
                peers, List.of(VirtualAddress.of(ip("10.99.0.200"), 24)));
    }

    private RawVrrpChannel channel(ChannelSpec spec, AdvertListener listener) throws IOException {
        RawVrrpChannel channel = new RawVrrpChannel(spec, listener, ip("10.99.0.1"), GROUP, socket, log);
        socket.register(channel);
        return channel;
    }

    private static ByteBuffer wire(int vrid, int priority, InetAddress source, InetAddress destination) {
        ByteBuffer out = ByteBuffer.allocate(64);
        VrrpCodec.encode(new Advertisement(3, vrid, priority, Duration.ofSeconds(1), List.of(ip("10.99.0.200")), Authentication.NONE),
                source, destination, out);
        return out.flip();
    }

    @Test
    void dispatchesByVridAndCountsUnknownOnes() throws IOException {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        RawVrrpChannel one = channel(spec("VI_1", 1, List.of()), first);
        channel(spec("VI_2", 2, List.of()), second);

        socket.packet(wire(2, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);
        socket.packet(wire(9, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);

        assertThat(first.adverts).isEmpty();
        assertThat(second.adverts).singleElement().satisfies(r -> assertThat(r.advertisement().vrid()).isEqualTo(2));
        assertThat(one.counters()).containsEntry("interface.unknown_vrid", 1L);
    }

    @Test
    void countsDropsPerReasonAndPriorityZero() throws IOException {
        RecordingListener listener = new RecordingListener();
        RawVrrpChannel channel = channel(spec("VI_1", 1, List.of()), listener);
        socket.packet(wire(1, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 64);
        ByteBuffer corrupt = wire(1, 100, ip("10.99.0.2"), GROUP);
        corrupt.put(2, (byte) 99);
        socket.packet(corrupt, ip("10.99.0.2"), GROUP, 255);
        socket.packet(wire(1, 0, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);
        socket.malformed(new MalformedAdvertisementException(MalformedAdvertisementException.Reason.IP_LENGTH, "test"));

        assertThat(channel.counters()).containsEntry("ttl", 1L).containsEntry("checksum", 1L).containsEntry("received", 1L)
                .containsEntry("priority_zero_received", 1L).containsEntry("interface.ip_length", 1L);
        assertThat(listener.adverts).singleElement().satisfies(r -> assertThat(r.advertisement().priority()).isZero());
    }

    @Test
    void duplicateVridsOnlyForDisjointUnicastPeersAndThenPickedByPeer() throws IOException {
        channel(spec("VI_1", 1, List.of()), new RecordingListener());
        assertThatThrownBy(() -> channel(spec("VI_2", 1, List.of()), new RecordingListener()))
                .isInstanceOf(IOException.class).hasMessageContaining("VRID 1").hasMessageContaining("VI_1");

        RecordingListener toB = new RecordingListener();
        RecordingListener toC = new RecordingListener();
        channel(spec("VI_B", 7, List.of(ip("10.99.0.2"))), toB);
        channel(spec("VI_C", 7, List.of(ip("10.99.0.3"))), toC);
        InetAddress me = ip("10.99.0.1");
        socket.packet(wire(7, 100, ip("10.99.0.3"), me), ip("10.99.0.3"), me, 255);
        assertThat(toB.adverts).isEmpty();
        assertThat(toC.adverts).hasSize(1);
    }

    @Test
    void unicastSendsOneCopyPerPeerWithItsOwnChecksum() throws IOException {
        RawVrrpChannel channel = channel(spec("VI_U", 5, List.of(ip("10.99.0.2"), ip("10.99.0.3"))), new RecordingListener());
        channel.send(new Advertisement(3, 5, 150, Duration.ofSeconds(1), List.of(ip("10.99.0.200")), Authentication.NONE));
        assertThat(fake.sent).extracting(FakeSocket.Sent::destination).containsExactly(ip("10.99.0.2"), ip("10.99.0.3"));
        for (FakeSocket.Sent sent : fake.sent) {
            assertThat(InternetChecksum.withPseudoHeader(sent.source(), sent.destination(), ByteBuffer.wrap(sent.vrrp()), 0,
                    sent.vrrp().length)).isZero();
        }
        assertThat(fake.sent.get(0).vrrp()).isNotEqualTo(fake.sent.get(1).vrrp());
        assertThat(channel.counters()).containsEntry("sent", 2L);
    }

    @Test
    void sendFailureIsCountedAndReported() throws IOException {
        RawVrrpChannel channel = channel(spec("VI_1", 1, List.of()), new RecordingListener());
        fake.failure = new IOException("sendto: No buffer space available");
        assertThatThrownBy(() -> channel.send(new Advertisement(3, 1, 100, Duration.ofSeconds(1), List.of(), Authentication.NONE)))
                .isInstanceOf(IOException.class).hasMessageContaining("No buffer space");
        assertThat(channel.counters()).containsEntry("send_errors", 1L);
        assertThatThrownBy(() -> channel.send(new Advertisement(3, 2, 100, Duration.ofSeconds(1), List.of(), Authentication.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VRID 2");
    }

    @Test
    void aFailingListenerDoesNotStopTheReceiver() throws IOException {
        AdvertListener failing = new AdvertListener() {
            @Override
            public void onAdvert(Advertisement advertisement, InetAddress source) {
                throw new IllegalStateException("engine bug");
            }
        };
        RawVrrpChannel channel = channel(spec("VI_1", 1, List.of()), failing);
        socket.packet(wire(1, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);
        assertThat(channel.counters()).containsEntry("listener_errors", 1L);
    }

    @Test
    void aRepeatedAdvertIsDeliveredAndCountedEachTimeAsTheSameValue() throws IOException {
        RecordingListener listener = new RecordingListener();
        RawVrrpChannel channel = channel(spec("VI_1", 1, List.of()), listener);
        InetAddress master = ip("10.99.0.2");
        socket.packet(wire(1, 100, master, GROUP), master, GROUP, 255);
        socket.packet(wire(1, 100, master, GROUP), master, GROUP, 255);
        socket.packet(wire(1, 90, master, GROUP), master, GROUP, 255);

        assertThat(listener.adverts).extracting(r -> r.advertisement().priority()).containsExactly(100, 100, 90);
        assertThat(listener.adverts.get(1).advertisement()).isSameAs(listener.adverts.get(0).advertisement());
        assertThat(channel.counters()).containsEntry("received", 3L);
    }

    @Test
    void theSameBytesAreCheckedAgainWhenTtlOrSenderDiffer() throws IOException {
        RecordingListener listener = new RecordingListener();
        RawVrrpChannel channel = channel(spec("VI_U", 4, List.of(ip("10.99.0.2"))), listener);
        InetAddress me = ip("10.99.0.1");
        ByteBuffer fromPeer = wire(4, 100, ip("10.99.0.2"), me);
        socket.packet(fromPeer.duplicate(), ip("10.99.0.2"), me, 255);
        // Byte for byte the peer's advert, but from another address: its v3 checksum no longer holds.
        socket.packet(fromPeer.duplicate(), ip("10.99.0.9"), me, 255);

        RecordingListener multicast = new RecordingListener();
        RawVrrpChannel group = channel(spec("VI_M", 5, List.of()), multicast);
        ByteBuffer advert = wire(5, 100, ip("10.99.0.2"), GROUP);
        socket.packet(advert.duplicate(), ip("10.99.0.2"), GROUP, 255);
        socket.packet(advert.duplicate(), ip("10.99.0.2"), GROUP, 254);

        assertThat(listener.adverts).hasSize(1);
        assertThat(channel.counters()).containsEntry("received", 1L).containsEntry("checksum", 1L);
        assertThat(multicast.adverts).hasSize(1);
        assertThat(group.counters()).containsEntry("received", 1L).containsEntry("ttl", 1L);
    }

    @Test
    void theHighestVridIsDispatchedAndAClosedChannelsVridIsUnknownAgain() throws IOException {
        RecordingListener top = new RecordingListener();
        RawVrrpChannel highest = channel(spec("VI_255", 255, List.of()), top);
        RawVrrpChannel other = channel(spec("VI_1", 1, List.of()), new RecordingListener());

        socket.packet(wire(255, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);
        highest.close();
        highest.close();
        socket.packet(wire(255, 100, ip("10.99.0.2"), GROUP), ip("10.99.0.2"), GROUP, 255);

        assertThat(top.adverts).singleElement().satisfies(r -> assertThat(r.advertisement().vrid()).isEqualTo(255));
        assertThat(other.counters()).containsEntry("interface.unknown_vrid", 1L);
        assertThat(emptied).as("closing twice counts once: VI_1 is still open").isEmpty();
    }

    @Test
    void lastChannelOutStopsTheSocketTakenOutOfThePollSetBeforeClose() throws IOException {
        RawVrrpChannel one = channel(spec("VI_1", 1, List.of()), new RecordingListener());
        RawVrrpChannel two = channel(spec("VI_2", 2, List.of()), new RecordingListener());
        one.close();
        assertThat(emptied).isEmpty();
        two.close();
        assertThat(emptied).containsExactly(socket);
        socket.stop();
        assertThat(fake.lifecycle).containsExactly("remove", "close");
    }
}
