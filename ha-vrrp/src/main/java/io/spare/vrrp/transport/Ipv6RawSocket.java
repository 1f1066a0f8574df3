package io.spare.vrrp.transport;

import io.spare.vrrp.codec.AddressCache;
import io.spare.vrrp.codec.VrrpCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * IPv6 VRRP the way keepalived does it: raw socket of protocol 112, the kernel fills and verifies
 * the checksum ({@code IPV6_CHECKSUM} 6), hop limit 255, joined to ff02::12, the source chosen per
 * packet with an {@code IPV6_PKTINFO} control message, and on receive the hop limit and the
 * destination come back as control messages ({@code IPV6_RECVHOPLIMIT}, {@code IPV6_RECVPKTINFO}).
 */
final class Ipv6RawSocket implements VrrpSocket {
    static final byte[] GROUP = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};

    // struct msghdr on LP64: name, namelen, iov, iovlen, control, controllen, flags.
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int NAME = 64;
    private static final int SOCKADDR_IN6 = 28;
    private static final int IOV = 96;
    private static final int CONTROL = 112;
    private static final int CONTROL_SPACE = 128;
    private static final int DATA = CONTROL + CONTROL_SPACE;
    private static final int DATA_SPACE = VrrpCodec.MAX_LENGTH + 64;
    private static final int CMSG_HEADER = 16;
    private static final int PKTINFO = 20;

    private final LibC libc;
    private final int fd;
    private final SocketFd socketFd;
    private final int ifindex;
    private final Pointer sendBlock;
    private final Pointer receiveBlock;
    private final byte[] receiveData = new byte[DATA_SPACE];
    private final ByteBuffer receivePacket = ByteBuffer.wrap(receiveData);
    private final LongSupplier receiveCall;
    private final AddressCache addresses = new AddressCache();
    private final byte[] addressScratch = new byte[16];

    private Ipv6RawSocket(LibC libc, int fd, int ifindex) {
        this.libc = libc;
        this.fd = fd;
        this.socketFd = new SocketFd(libc, fd);
        this.ifindex = ifindex;
        this.sendBlock = Memory.allocateDirect(Native.runtime(), DATA + DATA_SPACE, true);
        this.receiveBlock = Memory.allocateDirect(Native.runtime(), DATA + DATA_SPACE, true);
        this.receiveCall = this::receiveOnce;
    }

    static Ipv6RawSocket open(LibC libc, InterfaceLookup.Facts facts) throws IOException {
        int fd = libc.socket(Native.AF_INET6, Native.SOCK_RAW, 112);
        if (fd < 0) {
            throw Native.failure("socket(AF_INET6, SOCK_RAW, 112)", Native.errno());
        }
        try {
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_CHECKSUM, Native.intOption(6), "IPV6_CHECKSUM");
            Ipv4RawSocket.bindToDevice(libc, fd, facts.name());
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_MULTICAST_IF, Native.intOption(facts.index()), "IPV6_MULTICAST_IF");
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_MULTICAST_HOPS, Native.intOption(255), "IPV6_MULTICAST_HOPS");
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_UNICAST_HOPS, Native.intOption(255), "IPV6_UNICAST_HOPS");
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_MULTICAST_LOOP, Native.intOption(0), "IPV6_MULTICAST_LOOP");
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_RECVHOPLIMIT, Native.intOption(1), "IPV6_RECVHOPLIMIT");
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_RECVPKTINFO, Native.intOption(1), "IPV6_RECVPKTINFO");
            byte[] mreq = new byte[20];
            System.arraycopy(GROUP, 0, mreq, 0, 16);
            System.arraycopy(Native.intOption(facts.index()), 0, mreq, 16, 4);
            Ipv4RawSocket.set(libc, fd, Native.IPPROTO_IPV6, Native.IPV6_ADD_MEMBERSHIP, mreq, "IPV6_ADD_MEMBERSHIP ff02::12");
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
        return new Ipv6RawSocket(libc, fd, facts.index());
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public synchronized void send(ByteBuffer vrrp, InetAddress source, InetAddress destination) throws IOException {
        int length = vrrp.remaining();
        byte[] data = new byte[length];
        vrrp.duplicate().get(data);
        Pointer block = sendBlock;
        long base = block.address();
        block.put(NAME, Native.sockaddr(destination, ifindex), 0, SOCKADDR_IN6);
        block.putLong(IOV, base + DATA);
        block.putLong(IOV + 8, length);
        // One IPV6_PKTINFO control message carries the source address (and the interface).
        block.putLong(CONTROL, CMSG_HEADER + PKTINFO);
        block.putInt(CONTROL + 8, Native.IPPROTO_IPV6);
        block.putInt(CONTROL + 12, Native.IPV6_PKTINFO);
        block.put(CONTROL + CMSG_HEADER, source.getAddress(), 0, 16);
        block.putInt(CONTROL + CMSG_HEADER + 16, ifindex);
        block.putInt(CONTROL + CMSG_HEADER + 20, 0);
        block.put(DATA, data, 0, length);
        header(block, base, SOCKADDR_IN6, length, align(CMSG_HEADER + PKTINFO));
        long sent = libc.sendmsg(fd, block, Native.MSG_DONTWAIT);
        if (sent < 0) {
            throw Native.failure("sendmsg(" + destination.getHostAddress() + ")", Native.errno());
        }
    }

    private static void header(Pointer block, long base, int nameLength, int dataLength, int controlLength) {
        block.putLong(MSG_NAME, base + NAME);
        block.putInt(MSG_NAMELEN, nameLength);
        block.putLong(MSG_IOV, base + IOV);
        block.putLong(MSG_IOVLEN, 1);
        block.putLong(MSG_CONTROL, base + CONTROL);
        block.putLong(MSG_CONTROLLEN, controlLength);
        block.putInt(MSG_FLAGS, 0);
    }

    @Override
    public boolean receive(Receiver receiver) throws IOException {
        Pointer block = receiveBlock;
        long received = socketFd.receive(receiveCall, "recvmsg");
        if (received < 0) {
            return false;
        }
        int length = (int) Math.min(received, DATA_SPACE);
        block.get(DATA, receiveData, 0, length);
        InetAddress source = address(block, NAME + 8);
        int hopLimit = -1;
        InetAddress destination = null;
        long controlLength = block.getLong(MSG_CONTROLLEN);
        int at = 0;
        while (at + CMSG_HEADER <= controlLength) {
            long cmsgLength = block.getLong(CONTROL + at);
            if (cmsgLength < CMSG_HEADER || at + cmsgLength > controlLength) {
                break;
            }
            int level = block.getInt(CONTROL + at + 8);
            int type = block.getInt(CONTROL + at + 12);
            if (level == Native.IPPROTO_IPV6 && type == Native.IPV6_HOPLIMIT) {
                hopLimit = block.getInt(CONTROL + at + CMSG_HEADER);
            } else if (level == Native.IPPROTO_IPV6 && type == Native.IPV6_PKTINFO) {
                destination = address(block, CONTROL + at + CMSG_HEADER);
            }
            at += align((int) cmsgLength);
        }
        if (destination == null) {
            // Without IPV6_PKTINFO we cannot tell multicast from unicast: assume the group.
            destination = addresses.of(GROUP);
        }
        receiver.packet(receivePacket.limit(length).position(0), source, destination, hopLimit);
        return true;
    }

    private long receiveOnce() {
        Pointer block = receiveBlock;
        long base = block.address();
        block.putLong(IOV, base + DATA);
        block.putLong(IOV + 8, DATA_SPACE);
        header(block, base, SOCKADDR_IN6, DATA_SPACE, CONTROL_SPACE);
        return libc.recvmsg(fd, block, Native.MSG_DONTWAIT);
    }

    private InetAddress address(Pointer block, int at) {
        block.get(at, addressScratch, 0, 16);
        return addresses.of(addressScratch);
    }

    private static int align(int length) {
        return (length + 7) & ~7;
    }

    @Override
    public void close() {
        socketFd.close();
    }
}
