package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.AddressFamily;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpChannel;
import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import io.spare.vrrp.codec.Ipv4Header;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two raw-socket transports in two network namespaces on one bridge exchange real adverts; a third
 * namespace injects bad ones. Needs root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawSocketTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NetworkLab lab;
    private RawSocketAdvertTransport transportA;
    private RawSocketAdvertTransport transportB;

    @BeforeAll
    void setUp() throws Exception {
        lab = NetworkLab.create();
        lab.addHost("a", "10.99.0.1/24", "fd99::1/64");
        lab.addHost("b", "10.99.0.2/24", "fd99::2/64");
        lab.addHost("c", "10.99.0.3/24", "fd99::3/64");
        transportA = new RawSocketAdvertTransport();
        transportB = new RawSocketAdvertTransport();
    }

    @AfterAll
    void tearDown() {
        if (transportA != null) {
            transportA.close();
        }
        if (transportB != null) {
            transportB.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ChannelSpec spec(String name, AddressFamily family, int vrid, int version, Authentication auth, List<InetAddress> peers,
            Optional<InetAddress> source, String vip) {
        return new ChannelSpec(name, "eth0", family, vrid, version, auth, Duration.ofSeconds(1), source, peers,
                List.of(VirtualAddress.of(ip(vip), 24)));
    }

    private VrrpChannel open(String host, RawSocketAdvertTransport transport, ChannelSpec spec, RecordingListener listener) throws Exception {
        return Netns.call(lab.namespacePath(host), () -> transport.open(spec, listener));
    }

    private static Advertisement advert(int version, int vrid, int priority, Authentication auth, String vip) {
        return new Advertisement(version, vrid, priority, version == 2 ? Duration.ofSeconds(1) : Duration.ofMillis(1000),
                List.of(ip(vip)), auth);
    }

    private static void sendQuietly(VrrpChannel channel, Advertisement advert) {
        try {
            channel.send(advert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertDelivered(VrrpChannel sender, Advertisement advert, RecordingListener listener) throws Exception {
        boolean arrived = RecordingListener.await(WAIT, () -> !listener.adverts.isEmpty(), () -> sendQuietly(sender, advert));
        assertThat(arrived).as("advert %s arrived", advert).isTrue();
        RecordingListener.Received received = listener.adverts.get(0);
        assertThat(received.advertisement()).isEqualTo(advert);
        assertThat(received.source()).isEqualTo(sender.sourceAddress());
    }

    @Test
    void multicastV2PassV3Ipv4AndV3Ipv6() throws Exception {
        Authentication pass = Authentication.pass("1111");
        RecordingListener[] listeners = {new RecordingListener(), new RecordingListener(), new RecordingListener()};
        ChannelSpec v2 = spec("VI_2", AddressFamily.IPV4, 11, 2, pass, List.of(), Optional.empty(), "10.99.0.211");
        ChannelSpec v3 = spec("VI_3", AddressFamily.IPV4, 12, 3, Authentication.NONE, List.of(), Optional.empty(), "10.99.0.212");
        ChannelSpec v6 = spec("VI_6", AddressFamily.IPV6, 13, 3, Authentication.NONE, List.of(), Optional.empty(), "fd99::213");
        VrrpChannel a2 = open("a", transportA, v2, new RecordingListener());
        VrrpChannel a3 = open("a", transportA, v3, new RecordingListener());
        VrrpChannel a6 = open("a", transportA, v6, new RecordingListener());
        VrrpChannel b2 = open("b", transportB, v2, listeners[0]);
        VrrpChannel b3 = open("b", transportB, v3, listeners[1]);
        VrrpChannel b6 = open("b", transportB, v6, listeners[2]);
        try {
            assertThat(a2.sourceAddress()).isEqualTo(ip("10.99.0.1"));
            assertThat(a6.sourceAddress().isLinkLocalAddress()).isTrue();

            assertDelivered(a2, advert(2, 11, 150, pass, "10.99.0.211"), listeners[0]);
            assertDelivered(a3, advert(3, 12, 150, Authentication.NONE, "10.99.0.212"), listeners[1]);
            assertDelivered(a6, advert(3, 13, 150, Authentication.NONE, "fd99::213"), listeners[2]);
            assertThat(b2.counters()).containsEntry("received", (long) listeners[0].adverts.size());
            assertThat(a2.counters().get("sent")).isPositive();
            // Multicast loop is off: a sender does not hear itself.
            assertThat(a2.counters()).doesNotContainKey("received");
        } finally {
            for (VrrpChannel channel : List.of(a2, a3, a6, b2, b3, b6)) {
                channel.close();
            }
        }
    }

    @Test
    void unicastToEachPeerAndOnlyFromListedPeers() throws Exception {
        RecordingListener fromA = new RecordingListener();
        RecordingListener fromA6 = new RecordingListener();
        ChannelSpec aSpec = spec("VI_U", AddressFamily.IPV4, 21, 3, Authentication.NONE, List.of(ip("10.99.0.2"), ip("10.99.0.9")),
                Optional.of(ip("10.99.0.1")), "10.99.0.221");
        ChannelSpec bSpec = spec("VI_U", AddressFamily.IPV4, 21, 3, Authentication.NONE, List.of(ip("10.99.0.1")),
                Optional.of(ip("10.99.0.2")), "10.99.0.221");
        ChannelSpec a6Spec = spec("VI_U6", AddressFamily.IPV6, 22, 3, Authentication.NONE, List.of(ip("fd99::2")),
                Optional.of(ip("fd99::1")), "fd99::222");
        ChannelSpec b6Spec = spec("VI_U6", AddressFamily.IPV6, 22, 3, Authentication.NONE, List.of(ip("fd99::1")),
                Optional.of(ip("fd99::2")), "fd99::222");
        // c sends as a unicast instance to b, but b does not list c.
        ChannelSpec cSpec = spec("VI_U", AddressFamily.IPV4, 21, 3, Authentication.NONE, List.of(ip("10.99.0.2")),
                Optional.of(ip("10.99.0.3")), "10.99.0.221");
        Authentication pass = Authentication.pass("s3cret");
        ChannelSpec a2Spec = spec("VI_U2", AddressFamily.IPV4, 23, 2, pass, List.of(ip("10.99.0.2")), Optional.empty(), "10.99.0.223");
        ChannelSpec b2Spec = spec("VI_U2", AddressFamily.IPV4, 23, 2, pass, List.of(ip("10.99.0.1")), Optional.empty(), "10.99.0.223");
        RecordingListener fromA2 = new RecordingListener();
        RawSocketAdvertTransport transportC = new RawSocketAdvertTransport();
        VrrpChannel a2 = open("a", transportA, a2Spec, new RecordingListener());
        VrrpChannel b2 = open("b", transportB, b2Spec, fromA2);
        VrrpChannel a = open("a", transportA, aSpec, new RecordingListener());
        VrrpChannel b = open("b", transportB, bSpec, fromA);
        VrrpChannel a6 = open("a", transportA, a6Spec, new RecordingListener());
        VrrpChannel b6 = open("b", transportB, b6Spec, fromA6);
        VrrpChannel c = open("c", transportC, cSpec, new RecordingListener());
        try {
            assertDelivered(a, advert(3, 21, 200, Authentication.NONE, "10.99.0.221"), fromA);
            // One copy per peer, each with the checksum of its own destination.
            long sent = a.counters().get("sent");
            assertThat(sent % 2).isZero();
            assertThat(sent).isGreaterThanOrEqualTo(2L * b.counters().get("received"));
            assertDelivered(a6, advert(3, 22, 200, Authentication.NONE, "fd99::222"), fromA6);
            assertDelivered(a2, advert(2, 23, 200, pass, "10.99.0.223"), fromA2);

            int before = fromA.adverts.size();
            boolean counted = RecordingListener.await(WAIT, () -> b.counters().getOrDefault("source", 0L) > 0,
                    () -> sendQuietly(c, advert(3, 21, 250, Authentication.NONE, "10.99.0.221")));
            assertThat(counted).as("advert from unlisted peer counted as 'source'").isTrue();
            assertThat(fromA.adverts.subList(before, fromA.adverts.size()))
                    .allSatisfy(r -> assertThat(r.source()).isEqualTo(ip("10.99.0.1")));
        } finally {
            for (VrrpChannel channel : List.of(a, b, a6, b6, c, a2, b2)) {
                channel.close();
            }
            transportC.close();
        }
    }

    @Test
    void ttlOtherThan255AndMalformedPacketsAreDroppedAndCountedWithoutDisturbing() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecordingListener listener6 = new RecordingListener();
        ChannelSpec v3 = spec("VI_T", AddressFamily.IPV4, 31, 3, Authentication.NONE, List.of(), Optional.empty(), "10.99.0.231");
        ChannelSpec v6 = spec("VI_T6", AddressFamily.IPV6, 32, 3, Authentication.NONE, List.of(), Optional.empty(), "fd99::232");
        VrrpChannel b = open("b", transportB, v3, listener);
        VrrpChannel b6 = open("b", transportB, v6, listener6);
        InterfaceLookup.Facts facts = Netns.call(lab.namespacePath("c"), () -> new InterfaceLookup(Native.libc()).lookup("eth0", AddressFamily.IPV4));
        InterfaceLookup.Facts facts6 = Netns.call(lab.namespacePath("c"), () -> new InterfaceLookup(Native.libc()).lookup("eth0", AddressFamily.IPV6));
        Ipv4RawSocket injector = Netns.call(lab.namespacePath("c"), () -> Ipv4RawSocket.open(Native.libc(), facts));
        Ipv6RawSocket injector6 = Netns.call(lab.namespacePath("c"), () -> Ipv6RawSocket.open(Native.libc(), facts6));
        InetAddress c = ip("10.99.0.3");
        InetAddress group = ip("224.0.0.18");
        try {
            Advertisement good = advert(3, 31, 100, Authentication.NONE, "10.99.0.231");
            // TTL 64: a routed packet, which VRRP must never accept.
            assertThat(RecordingListener.await(WAIT, () -> b.counters().getOrDefault("ttl", 0L) > 0,
                    () -> inject(injector, packet(good, c, group, 64)))).isTrue();
            // Hop limit 64 on IPv6, seen through IPV6_RECVHOPLIMIT.
            Ipv4RawSocket.set(Native.libc(), injector6.fd(), Native.IPPROTO_IPV6, Native.IPV6_MULTICAST_HOPS, Native.intOption(64), "hops");
            Advertisement good6 = advert(3, 32, 100, Authentication.NONE, "fd99::232");
            InetAddress c6 = facts6.linkLocalIpv6().orElseThrow();
            assertThat(RecordingListener.await(WAIT, () -> b6.counters().getOrDefault("ttl", 0L) > 0,
                    () -> inject6(injector6, good6, c6))).isTrue();

            byte[] badChecksum = packet(good, c, group, 255);
            badChecksum[20 + 6] ^= 0x55;
            // (The kernel rewrites the IP total length and checksum of IP_HDRINCL packets, so IP-level
            // length faults cannot be injected from here; Ipv4HeaderTest covers them.)
            byte[] truncated = Arrays.copyOf(packet(good, c, group, 255), 20 + 6);
            truncated[3] = 26;
            byte[] badVersion = packet(good, c, group, 255);
            badVersion[20] = 0x51;
            assertThat(RecordingListener.await(WAIT, () -> b.counters().getOrDefault("checksum", 0L) > 0
                    && b.counters().getOrDefault("truncated", 0L) > 0
                    && b.counters().getOrDefault("version", 0L) > 0, () -> {
                        inject(injector, badChecksum);
                        inject(injector, truncated);
                        inject(injector, badVersion);
                    })).as("counters %s", b.counters()).isTrue();
            assertThat(listener.adverts).isEmpty();
            assertThat(listener6.adverts).isEmpty();

            // Still listening: a good advert gets through.
            assertThat(RecordingListener.await(WAIT, () -> !listener.adverts.isEmpty(),
                    () -> inject(injector, packet(good, c, group, 255)))).isTrue();
            assertThat(listener.adverts.get(0).advertisement()).isEqualTo(good);
        } finally {
            injector.close();
            injector6.close();
            b.close();
            b6.close();
        }
    }

    @Test
    void ipv4HeaderOnTheWireIsKeepalivedsTos0xc0Ttl255NoDfIdCountingUp() throws Exception {
        InterfaceLookup.Facts facts = Netns.call(lab.namespacePath("c"), () -> new InterfaceLookup(Native.libc()).lookup("eth0", AddressFamily.IPV4));
        Ipv4RawSocket sniffer = Netns.call(lab.namespacePath("c"), () -> Ipv4RawSocket.open(Native.libc(), facts));
        // SO_RCVTIMEO 200 ms, so that a lost packet fails the test instead of hanging it.
        byte[] timeout = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder()).putLong(0).putLong(200_000).array();
        Ipv4RawSocket.set(Native.libc(), sniffer.fd(), Native.SOL_SOCKET, 20, timeout, "SO_RCVTIMEO");
        VrrpChannel a = open("a", transportA, spec("VI_H", AddressFamily.IPV4, 61, 2, Authentication.pass("1111"), List.of(),
                Optional.empty(), "10.99.0.200"), new RecordingListener());
        try {
            Advertisement advert = advert(2, 61, 150, Authentication.pass("1111"), "10.99.0.200");
            List<byte[]> captured = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (captured.size() < 2 && System.nanoTime() < deadline) {
                a.send(advert);
                byte[] buffer = new byte[2048];
                long n = Native.libc().recv(sniffer.fd(), buffer, buffer.length, 0);
                if (n > 20 && (buffer[20 + 1] & 0xFF) == 61) {
                    captured.add(Arrays.copyOf(buffer, (int) n));
                }
            }
            assertThat(captured).hasSize(2);
            byte[] first = captured.get(0);
            int id = ((first[4] & 0xFF) << 8) | (first[5] & 0xFF);
            // Byte for byte what keepalived writes: the header rebuilt from its ID, then the VRRP bytes.
            ByteBuffer expected = ByteBuffer.allocate(first.length);
            Ipv4Header.forVrrp((Inet4Address) ip("10.99.0.1"), (Inet4Address) ip("224.0.0.18"), id, first.length - 20, 255).write(expected);
            VrrpCodec.encode(advert, ip("10.99.0.1"), ip("224.0.0.18"), expected);
            assertThat(first).isEqualTo(expected.array());
            assertThat(first[1] & 0xFF).as("TOS").isEqualTo(0xC0);
            assertThat(first[8] & 0xFF).as("TTL").isEqualTo(255);
            assertThat(first[6] & 0x40).as("DF").isZero();
            byte[] second = captured.get(1);
            assertThat(((second[4] & 0xFF) << 8) | (second[5] & 0xFF)).as("IP ID counts up").isGreaterThan(id);
        } finally {
            a.close();
            sniffer.close();
        }
    }

    @Test
    void versionMismatchReachesTheListener() throws Exception {
        RecordingListener listener = new RecordingListener();
        VrrpChannel a = open("a", transportA, spec("VI_V", AddressFamily.IPV4, 41, 3, Authentication.NONE, List.of(), Optional.empty(),
                "10.99.0.241"), new RecordingListener());
        VrrpChannel b = open("b", transportB, spec("VI_V", AddressFamily.IPV4, 41, 2, Authentication.NONE, List.of(), Optional.empty(),
                "10.99.0.241"), listener);
        try {
            assertThat(RecordingListener.await(WAIT, () -> !listener.mismatches.isEmpty(),
                    () -> sendQuietly(a, advert(3, 41, 100, Authentication.NONE, "10.99.0.241")))).isTrue();
            assertThat(listener.mismatches.get(0)).isEqualTo(new RecordingListener.Mismatch(ip("10.99.0.1"), 3));
            assertThat(listener.adverts).isEmpty();
            assertThat(b.counters().get("version")).isPositive();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void missingInterfaceAndDuplicateVridAreClearErrors() throws Exception {
        ChannelSpec missing = new ChannelSpec("VI_X", "nosuch0", AddressFamily.IPV4, 50, 3, Authentication.NONE, Duration.ofSeconds(1),
                Optional.empty(), List.of(), List.of());
        assertThatThrownBy(() -> open("a", transportA, missing, new RecordingListener()))
                .isInstanceOf(IOException.class).hasMessageContaining("no interface nosuch0");
        ChannelSpec first = spec("VI_D1", AddressFamily.IPV4, 51, 3, Authentication.NONE, List.of(), Optional.empty(), "10.99.0.251");
        ChannelSpec second = spec("VI_D2", AddressFamily.IPV4, 51, 3, Authentication.NONE, List.of(), Optional.empty(), "10.99.0.252");
        VrrpChannel channel = open("a", transportA, first, new RecordingListener());
        try {
            assertThatThrownBy(() -> open("a", transportA, second, new RecordingListener()))
                    .isInstanceOf(IOException.class).hasMessageContaining("VRID 51").hasMessageContaining("VI_D1");
        } finally {
            channel.close();
        }
    }

    @Test
    void withoutCapNetRawTheErrorNamesTheCapability() throws Exception {
        Integration.requireCommand("setpriv");
        java.nio.file.Path log = Files.createTempFile("spare-vrrp-noraw", ".log");
        try {
            List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenChannelMain.class.getName()));
            Process process = lab.start("c", log, command.toArray(String[]::new));
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("ERROR socket(AF_INET, SOCK_RAW, 112) failed: Operation not permitted").contains("CAP_NET_RAW");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static byte[] packet(Advertisement advert, InetAddress source, InetAddress destination, int ttl) {
        ByteBuffer vrrp = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
        VrrpCodec.encode(advert, source, destination, vrrp);
        vrrp.flip();
        ByteBuffer packet = ByteBuffer.allocate(20 + vrrp.remaining());
        Ipv4Header.forVrrp((Inet4Address) source, (Inet4Address) destination, 7, vrrp.remaining(), ttl).write(packet);
        packet.put(vrrp);
        return packet.array();
    }

    private static void inject(Ipv4RawSocket socket, byte[] packet) {
        try {
            socket.sendPacket(packet, ip("224.0.0.18"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void inject6(Ipv6RawSocket socket, Advertisement advert, InetAddress source) {
        ByteBuffer vrrp = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
        VrrpCodec.encode(advert, source, ip("ff02::12"), vrrp);
        vrrp.flip();
        try {
            socket.send(vrrp, source, ip("ff02::12"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
