package io.spare.vrrp.bench;

import io.spare.api.AddressFamily;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import io.spare.vrrp.codec.Ipv4Header;
import io.spare.vrrp.codec.MalformedAdvertisementException;
import io.spare.vrrp.codec.ReceivePolicy;
import io.spare.vrrp.codec.ReceiveVerdict;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the receive thread does per packet: parse the IPv4 header, decode the VRRP message and run
 * keepalived's checks. Target: at least 5 million adverts per second per core.
 *
 * <p>Run: {@code mvn -B -pl ha-vrrp -Pjmh test-compile exec:exec} (never part of {@code verify}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeValidateBenchmark {
    private ByteBuffer v2Packet;
    private ByteBuffer v3Packet;
    private ByteBuffer v3Ipv6;
    private InetAddress source6;
    private InetAddress group6;
    private ReceivePolicy v2Policy;
    private ReceivePolicy v3Policy;
    private ReceivePolicy v3Ipv6Policy;

    // An IPv6 VIP is built with prefix 32: ha-api's VirtualAddress checks the prefix before its address is set.
    @Setup
    public void setUp() throws Exception {
        HexFormat hex = HexFormat.of();
        v2Packet = ByteBuffer.wrap(hex.parseHex("45c0002800020000ff70d02c0a630002e0000012" + "2133640101010c3d0a6300c83131313100000000"));
        v3Packet = ByteBuffer.wrap(hex.parseHex("45c0002000020000ff70d0340a630002e0000012" + "31336401006474480a6300c8"));
        v3Ipv6 = ByteBuffer.wrap(hex.parseHex("313464010064c898fd990000000000000000000000000200"));
        source6 = InetAddress.getByName("fe80::4818:2bff:fe46:31b7");
        group6 = InetAddress.getByName("ff02::12");
        List<VirtualAddress> vip4 = List.of(VirtualAddress.of(InetAddress.getByName("10.99.0.200"), 24));
        v2Policy = new ReceivePolicy(new ChannelSpec("VI_1", "eth0", AddressFamily.IPV4, 51, 2, Authentication.pass("1111"),
                Duration.ofSeconds(1), Optional.empty(), List.of(), vip4));
        v3Policy = new ReceivePolicy(new ChannelSpec("VI_1", "eth0", AddressFamily.IPV4, 51, 3, Authentication.NONE,
                Duration.ofSeconds(1), Optional.empty(), List.of(), vip4));
        v3Ipv6Policy = new ReceivePolicy(new ChannelSpec("VI_6", "eth0", AddressFamily.IPV6, 52, 3, Authentication.NONE,
                Duration.ofSeconds(1), Optional.empty(), List.of(),
                List.of(VirtualAddress.of(InetAddress.getByName("fd99::200"), 32))));
    }

    @Benchmark
    public ReceiveVerdict v2PassIpv4() throws MalformedAdvertisementException {
        return receive(v2Packet, v2Policy);
    }

    @Benchmark
    public ReceiveVerdict v3Ipv4() throws MalformedAdvertisementException {
        return receive(v3Packet, v3Policy);
    }

    @Benchmark
    public ReceiveVerdict v3Ipv6() {
        return v3Ipv6Policy.check(v3Ipv6, source6, group6, 255);
    }

    private static ReceiveVerdict receive(ByteBuffer packet, ReceivePolicy policy) throws MalformedAdvertisementException {
        Ipv4Header header = Ipv4Header.parse(packet);
        return policy.check(header.payload(packet), header.source(), header.destination(), header.ttl());
    }
}
