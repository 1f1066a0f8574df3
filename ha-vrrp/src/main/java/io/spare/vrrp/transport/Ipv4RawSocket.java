package io.spare.vrrp.transport;

import io.spare.vrrp.codec.AddressCache;
import io.spare.vrrp.codec.Ipv4Header;
import io.spare.vrrp.codec.MalformedAdvertisementException;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * IPv4 VRRP the way keepalived does it: raw socket of protocol 112 with {@code IP_HDRINCL} (we write
 * TOS 0xC0, TTL 255, an IP ID counting up and no DF), joined to 224.0.0.18 on the interface, bound
 * to the device, multicast loop off. Not bound to an address: bound, it would miss the multicast.
 */
final class Ipv4RawSocket implements VrrpSocket {
    static final byte[] GROUP = {(byte) 224, 0, 0, 18};
    private static final int BUFFER = 4096;

    private final LibC libc;
    private final int fd;
    private final SocketFd socketFd;
    private final AtomicInteger ipId = new AtomicInteger();
    /**
     * The kernel writes into native memory and only the bytes received are copied to the heap:
     * a Java array as recv's buffer would be copied whole both ways on every call.
     */
    private final Pointer receiveNative = Memory.allocateDirect(Native.runtime(), BUFFER, true);
    private final byte[] receiveBuffer = new byte[BUFFER];
    private final ByteBuffer receivePacket = ByteBuffer.wrap(receiveBuffer);
    private final LongSupplier receiveCall;
    private final AddressCache addresses = new AddressCache();

    private Ipv4RawSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
        this.socketFd = new SocketFd(libc, fd);
        this.receiveCall = () -> libc.recv(fd, receiveNative, BUFFER, Native.MSG_DONTWAIT);
    }

    static Ipv4RawSocket open(LibC libc, InterfaceLookup.Facts facts) throws IOException {
        int fd = libc.socket(Native.AF_INET, Native.SOCK_RAW, 112);
        if (fd < 0) {
            throw Native.failure("socket(AF_INET, SOCK_RAW, 112)", Native.errno());
        }
        try {
            set(libc, fd, Native.IPPROTO_IP, Native.IP_HDRINCL, Native.intOption(1), "IP_HDRINCL");
            bindToDevice(libc, fd, facts.name());
            byte[] mreqn = mreqn(GROUP, facts);
            set(libc, fd, Native.IPPROTO_IP, Native.IP_MULTICAST_IF, mreqn, "IP_MULTICAST_IF");
            set(libc, fd, Native.IPPROTO_IP, Native.IP_MULTICAST_TTL, Native.intOption(255), "IP_MULTICAST_TTL");
            set(libc, fd, Native.IPPROTO_IP, Native.IP_MULTICAST_LOOP, Native.intOption(0), "IP_MULTICAST_LOOP");
            set(libc, fd, Native.IPPROTO_IP, Native.IP_ADD_MEMBERSHIP, mreqn(GROUP, facts), "IP_ADD_MEMBERSHIP 224.0.0.18");
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
        return new Ipv4RawSocket(libc, fd);
    }

    /** {@code struct ip_mreqn}: group, local address (any), ifindex in host order. */
    private static byte[] mreqn(byte[] group, InterfaceLookup.Facts facts) {
        byte[] mreqn = new byte[12];
        System.arraycopy(group, 0, mreqn, 0, 4);
        System.arraycopy(Native.intOption(facts.index()), 0, mreqn, 8, 4);
        return mreqn;
    }

    static void bindToDevice(LibC libc, int fd, String name) throws IOException {
        byte[] device = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        set(libc, fd, Native.SOL_SOCKET, Native.SO_BINDTODEVICE, device, "SO_BINDTODEVICE " + name);
    }

    static void set(LibC libc, int fd, int level, int option, byte[] value, String what) throws IOException {
        if (libc.setsockopt(fd, level, option, value, value.length) < 0) {
            throw Native.failure("setsockopt(" + what + ")", Native.errno());
        }
    }

    @Override
    public int fd() {
        return fd;
    }

    /** One packet buffer for every channel on this socket: sends are serialised on it. */
    private final ByteBuffer sendPacket = ByteBuffer.allocate(Ipv4Header.MIN_LENGTH + VrrpCodec.MAX_LENGTH);
    /** The sockaddr of the last destination: almost always 224.0.0.18 or the same few peers. */
    private InetAddress lastDestination;
    private byte[] lastSockaddr;

    @Override
    public synchronized void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException {
        int length = vrrp.remaining();
        ByteBuffer packet = sendPacket.clear();
        Ipv4Header.forVrrp((Inet4Address) source, (Inet4Address) destination, nextId(), length, Ipv4Header.TTL_VRRP).write(packet);
        packet.put(vrrp.duplicate());
        sendPacket(packet.array(), packet.position(), destination);
    }

    /** Sends a complete IPv4 packet, header included, as it is. */
    void sendPacket(byte[] packet, InetAddress destination) throws IOException {
        sendPacket(packet, packet.length, destination);
    }

    private synchronized void sendPacket(byte[] packet, int length, InetAddress destination) throws IOException {
        int flags = Native.MSG_DONTWAIT | (destination.isMulticastAddress() ? Native.MSG_DONTROUTE : 0);
        if (!destination.equals(lastDestination)) {
            lastSockaddr = Native.sockaddr(destination, 0);
            lastDestination = destination;
        }
        byte[] address = lastSockaddr;
        long sent = libc.sendto(fd, packet, length, flags, address, address.length);
        if (sent < 0) {
            throw Native.failure("sendto(" + destination.getHostAddress() + ")", Native.errno());
        }
    }

    /** keepalived's IP ID: counts up per advert and skips 0. */
    private int nextId() {
        while (true) {
            int id = ipId.incrementAndGet() & 0xFFFF;
            if (id != 0) {
                return id;
            }
        }
    }

    @Override
    public boolean receive(Receiver receiver) throws IOException {
        long received = socketFd.receive(receiveCall, "recv");
        if (received < 0) {
            return false;
        }
        int length = (int) Math.min(received, BUFFER);
        receiveNative.get(0, receiveBuffer, 0, length);
        ByteBuffer packet = receivePacket.limit(length).position(0);
        Ipv4Header header;
        try {
            header = Ipv4Header.parse(packet, addresses);
        } catch (MalformedAdvertisementException e) {
            receiver.malformed(e);
            return true;
        }
        receiver.packet(header.payload(packet), header.source(), header.destination(), header.ttl());
        return true;
    }

    @Override
    public void close() {
        socketFd.close();
    }
}
