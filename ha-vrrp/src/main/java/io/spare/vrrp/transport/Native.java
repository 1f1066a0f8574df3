package io.spare.vrrp.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded libc, its runtime, and the Linux constants of the socket API (x86-64 and arm64 agree). */
final class Native {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;

    static final int SOL_SOCKET = 1;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_RCVBUF = 8;

    static final int IPPROTO_IP = 0;
    static final int IP_HDRINCL = 3;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;

    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;

    static final int MSG_DONTROUTE = 0x4;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final long SIOCGIFADDR = 0x8915;
    static final long SIOCGIFINDEX = 0x8933;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EPERM = 1;
    static final int EADDRNOTAVAIL = 99;

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Native() {}

    static LibC libc() {
        return Holder.LIBC;
    }

    static Runtime runtime() {
        return Holder.RUNTIME;
    }

    static int errno() {
        return Holder.RUNTIME.getLastError();
    }

    /** An IOException for a failed call; EPERM/EACCES name the capability that is missing. */
    static IOException failure(String call, int errno) {
        String text = call + " failed: " + Holder.LIBC.strerror(errno) + " (errno " + errno + ")";
        if (errno == EPERM || errno == EACCES) {
            text += "; raw VRRP sockets need CAP_NET_RAW (run as root or grant the capability,"
                    + " e.g. AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN)";
        }
        return new IOException(text);
    }

    /** A C {@code int} in host byte order. */
    static byte[] intOption(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    static int intAt(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(at);
    }

    /** A {@code struct sockaddr_in} / {@code sockaddr_in6} for {@code address} (port 0). */
    static byte[] sockaddr(InetAddress address, int scopeId) {
        if (address instanceof Inet4Address) {
            ByteBuffer sa = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            sa.putShort(0, (short) AF_INET);
            sa.put(4, address.getAddress());
            return sa.array();
        }
        ByteBuffer sa = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        sa.putShort(0, (short) AF_INET6);
        sa.put(8, address.getAddress());
        sa.putInt(24, scopeId);
        return sa.array();
    }
}
