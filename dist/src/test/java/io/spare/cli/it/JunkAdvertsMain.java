package io.spare.cli.it;

import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.vrrp.codec.VrrpCodec;
import io.spare.vrrp.transport.LibC;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.LibraryLoader;

/**
 * Floods a segment with VRRP packets a node must drop, each of which would win the election if it
 * were taken: priority 254 for the VRID in use with the wrong password, a bad checksum, TTL 64,
 * the other VRRP version, cut short; and adverts for a VRID nobody runs. Run in a host's namespace:
 * {@code JunkAdvertsMain SOURCE VRID PASSWORD VIP PACKETS_PER_SECOND SECONDS}. Sends with
 * {@code IP_HDRINCL}, so that it can set the TTL and break the packet as it likes.
 */
public final class JunkAdvertsMain {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_RAW = 255;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;

    private JunkAdvertsMain() {}

    public static void main(String[] args) throws Exception {
        InetAddress source = InetAddress.getByName(args[0]);
        int vrid = Integer.parseInt(args[1]);
        String password = args[2];
        InetAddress vip = InetAddress.getByName(args[3]);
        int perSecond = Integer.parseInt(args[4]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[5]));
        InetAddress group = InetAddress.getByName("224.0.0.18");

        List<byte[]> packets = new ArrayList<>();
        Advertisement winner = new Advertisement(2, vrid, 254, Duration.ofSeconds(1), List.of(vip), Authentication.pass(password));
        packets.add(ip(source, group, 255, vrrp(new Advertisement(2, vrid, 254, Duration.ofSeconds(1), List.of(vip),
                Authentication.pass(password.equals("wrong") ? "Wrong" : "wrong")), source, group)));
        byte[] badChecksum = vrrp(winner, source, group);
        badChecksum[6] ^= 0x5a;
        packets.add(ip(source, group, 255, badChecksum));
        packets.add(ip(source, group, 64, vrrp(winner, source, group)));
        packets.add(ip(source, group, 255, vrrp(new Advertisement(3, vrid, 254, Duration.ofSeconds(1), List.of(vip),
                Authentication.NONE), source, group)));
        packets.add(ip(source, group, 255, Arrays.copyOf(vrrp(winner, source, group), 4)));
        packets.add(ip(source, group, 255, vrrp(new Advertisement(2, vrid == 99 ? 98 : 99, 254, Duration.ofSeconds(1),
                List.of(vip), Authentication.pass(password)), source, group)));

        LibC libc = LibraryLoader.create(LibC.class).load("c");
        int fd = libc.socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_INET, SOCK_RAW, IPPROTO_RAW) failed: run as root");
        }
        byte[] device = "eth0\0".getBytes(StandardCharsets.US_ASCII);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, device.length) != 0) {
            throw new IllegalStateException("SO_BINDTODEVICE eth0 failed");
        }
        byte[] to = new byte[16];
        to[0] = AF_INET;
        System.arraycopy(group.getAddress(), 0, to, 4, 4);

        long sent = 0;
        long failed = 0;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long gap = 1_000_000_000L / perSecond;
        for (long next = start; next < end; next += gap) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            byte[] packet = packets.get((int) (sent % packets.size()));
            if (libc.sendto(fd, packet, packet.length, 0, to, to.length) < 0) {
                failed++;
            }
            sent++;
        }
        libc.close(fd);
        System.out.println("sent " + sent + " packets, " + failed + " failed");
    }

    private static byte[] vrrp(Advertisement advert, InetAddress source, InetAddress destination) {
        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.MAX_LENGTH);
        VrrpCodec.encode(advert, source, destination, out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** An IPv4 header the kernel completes: it fills in the length, the identification and the checksum. */
    private static byte[] ip(InetAddress source, InetAddress destination, int ttl, byte[] payload) {
        byte[] packet = new byte[20 + payload.length];
        packet[0] = 0x45;
        packet[1] = (byte) 0xc0;
        packet[8] = (byte) ttl;
        packet[9] = (byte) VrrpCodec.PROTOCOL;
        System.arraycopy(source.getAddress(), 0, packet, 12, 4);
        System.arraycopy(destination.getAddress(), 0, packet, 16, 4);
        System.arraycopy(payload, 0, packet, 20, payload.length);
        return packet;
    }
}
