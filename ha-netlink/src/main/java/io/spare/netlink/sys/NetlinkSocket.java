package io.spare.netlink.sys;

import io.spare.netlink.codec.NetlinkAck;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.Rtnl;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jnr.ffi.Pointer;

/**
 * An rtnetlink socket (NETLINK_ROUTE) in the network namespace of the thread that opened it. One
 * thread uses it at a time; {@link #shutdown()} may be called from another to wake a blocked
 * {@link #receive()}. Netlink sockets do not implement shutdown(2) (EOPNOTSUPP), and close(2) would
 * not wake the reader either, so a socket opened for events waits in poll(2) on itself and on a
 * pipe that {@link #shutdown()} writes to.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Requests per datagram: the acks of one datagram must fit the default receive buffer. */
    static final int MAX_BATCH = 64;
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final short POLLIN = 0x1;

    /**
     * One receive buffer per thread, not per socket: sockets are opened per request, and a native
     * buffer is freed only when the collector finds its Pointer, so a node adding a thousand VIPs
     * held hundreds of MiB of them. A buffer is only used inside {@link #receive()}, copied out at
     * once, so a thread with two sockets open still needs one.
     */
    private static final ThreadLocal<Pointer> RECEIVE_BUFFER = ThreadLocal.withInitial(() -> Native.allocate(BUFFER_SIZE));

    private final LibC libc;
    private final int fd;
    private int[] wakePipe;
    private int seq = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    private volatile boolean shutdown;
    private boolean closed;

    private NetlinkSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /**
     * Opens and binds a socket.
     *
     * @param groups RTMGRP_* multicast groups to subscribe to, 0 for none
     * @param receiveTimeout how long {@link #receive()} waits; zero waits for ever
     */
    public static NetlinkSocket open(int groups, Duration receiveTimeout, int receiveBuffer) throws IOException {
        return open(groups, receiveTimeout, receiveBuffer, false);
    }

    /** A socket subscribed to {@code groups} whose blocking {@link #receive()} {@link #shutdown()} can wake. */
    public static NetlinkSocket openEvents(int groups, int receiveBuffer) throws IOException {
        return open(groups, Duration.ZERO, receiveBuffer, true);
    }

    private static NetlinkSocket open(int groups, Duration receiveTimeout, int receiveBuffer, boolean wakeable) throws IOException {
        LibC libc = Native.libc();
        int fd = libc.socket(SocketOptions.AF_NETLINK, SocketOptions.SOCK_RAW | SocketOptions.SOCK_CLOEXEC, SocketOptions.NETLINK_ROUTE);
        if (fd < 0) {
            throw new SystemCallException("cannot open an rtnetlink socket", Native.errno(), Capability.CAP_NET_ADMIN);
        }
        NetlinkSocket socket = new NetlinkSocket(libc, fd);
        try {
            if (wakeable) {
                int[] pipe = new int[2];
                if (libc.pipe2(pipe, SocketOptions.O_CLOEXEC | SocketOptions.O_NONBLOCK) < 0) {
                    throw new SystemCallException("cannot create the wake-up pipe of the rtnetlink socket", Native.errno(), null);
                }
                socket.wakePipe = pipe;
            }
            // Best effort: a kernel without them still answers, with longer acks and no text.
            socket.setOption(SocketOptions.SOL_NETLINK, SocketOptions.NETLINK_CAP_ACK, SocketOptions.intValue(1), false);
            socket.setOption(SocketOptions.SOL_NETLINK, SocketOptions.NETLINK_EXT_ACK, SocketOptions.intValue(1), false);
            if (receiveBuffer > 0) {
                socket.setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF, SocketOptions.intValue(receiveBuffer), false);
            }
            if (!receiveTimeout.isZero()) {
                socket.setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVTIMEO, SocketOptions.timeval(receiveTimeout), true);
            }
            byte[] address = SocketOptions.sockaddrNl(groups);
            if (libc.bind(fd, address, address.length) < 0) {
                throw new SystemCallException("cannot bind the rtnetlink socket (groups 0x" + Integer.toHexString(groups) + ")",
                        Native.errno(), Capability.CAP_NET_ADMIN);
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** A request socket: no groups, answers expected within {@code timeout}. */
    public static NetlinkSocket open(Duration timeout) throws IOException {
        return open(0, timeout, 0);
    }

    public int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    public void send(byte[] datagram) throws IOException {
        byte[] kernel = SocketOptions.sockaddrNl(0);
        while (true) {
            long sent = libc.sendto(fd, datagram, datagram.length, 0, kernel, kernel.length);
            if (sent >= 0) {
                return;
            }
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new SystemCallException("cannot send to rtnetlink", errno, Capability.CAP_NET_ADMIN);
            }
        }
    }

    /**
     * Receives one datagram. Returns an empty list once {@link #shutdown()} was called.
     *
     * @throws SocketTimeoutException when the receive timeout passed
     * @throws NetlinkOverrunException when the kernel dropped messages because the buffer was full
     */
    public List<NetlinkMessage> receive() throws IOException {
        while (true) {
            if (wakePipe != null && !awaitReadable()) {
                return List.of();
            }
            Pointer buffer = RECEIVE_BUFFER.get();
            long received = libc.recv(fd, buffer, BUFFER_SIZE, SocketOptions.MSG_TRUNC);
            if (received > 0 && received <= BUFFER_SIZE) {
                byte[] bytes = new byte[(int) received];
                buffer.get(0, bytes, 0, bytes.length);
                return NetlinkMessage.parse(ByteBuffer.wrap(bytes));
            }
            if (received > BUFFER_SIZE) {
                throw new IOException("rtnetlink datagram of " + received + " bytes exceeds the " + BUFFER_SIZE + "-byte buffer");
            }
            if (received == 0 || shutdown) {
                return List.of();
            }
            int errno = Native.errno();
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == Errno.EAGAIN) {
                throw new SocketTimeoutException("no answer from rtnetlink in time");
            }
            if (errno == Errno.ENOBUFS) {
                throw new NetlinkOverrunException();
            }
            throw new SystemCallException("cannot receive from rtnetlink", errno, null);
        }
    }

    /**
     * Sends requests pipelined (many per datagram) and returns the kernel's acks in request order.
     * Each request must ask for an ack (NLM_F_ACK); its sequence number is overwritten.
     */
    public List<NetlinkAck> execute(List<byte[]> requests) throws IOException {
        List<NetlinkAck> acks = new ArrayList<>(requests.size());
        for (NetlinkMessage answer : query(requests)) {
            if (answer.type() != Rtnl.NLMSG_ERROR) {
                throw new IOException("rtnetlink answered a request for an ack with message type " + answer.type());
            }
            acks.add(NetlinkAck.decode(answer));
        }
        return acks;
    }

    /**
     * Sends requests that have one answer each (a reply, or an NLMSG_ERROR) pipelined, many per
     * datagram, and returns the answers in request order. Sequence numbers are overwritten.
     */
    public List<NetlinkMessage> query(List<byte[]> requests) throws IOException {
        NetlinkMessage[] answers = new NetlinkMessage[requests.size()];
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            int to = Math.min(requests.size(), from + MAX_BATCH);
            Map<Integer, Integer> pending = new HashMap<>();
            ByteBuffer datagram = ByteBuffer.allocate(requests.subList(from, to).stream().mapToInt(r -> Rtnl.align(r.length)).sum());
            for (int i = from; i < to; i++) {
                int requestSeq = nextSeq();
                pending.put(requestSeq, i);
                datagram.put(withSeq(requests.get(i), requestSeq));
                datagram.position(Rtnl.align(datagram.position()));
            }
            send(datagram.array());
            while (!pending.isEmpty()) {
                for (NetlinkMessage message : receiveOrFail()) {
                    Integer index = pending.remove(message.seq());
                    if (index != null) {
                        answers[index] = message;
                    }
                }
            }
        }
        return Arrays.asList(answers);
    }

    /** Sends one request and returns its single answer: the reply message, or the NLMSG_ERROR. */
    public NetlinkMessage get(byte[] request) throws IOException {
        int expected = nextSeq();
        send(withSeq(request, expected));
        while (true) {
            for (NetlinkMessage message : receiveOrFail()) {
                if (message.seq() == expected) {
                    return message;
                }
            }
        }
    }

    /**
     * Sends a dump request and collects the answers up to NLMSG_DONE. A dump that the kernel marks
     * interrupted (the table changed meanwhile, NLM_F_DUMP_INTR) is taken again, a few times.
     */
    public List<NetlinkMessage> dump(byte[] request, String what) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<NetlinkMessage> answers = new ArrayList<>();
            boolean interrupted = dumpOnce(request, what, answers);
            if (!interrupted || attempt == 3) {
                return answers;
            }
        }
    }

    private boolean dumpOnce(byte[] request, String what, List<NetlinkMessage> answers) throws IOException {
        int expected = nextSeq();
        send(withSeq(request, expected));
        boolean interrupted = false;
        while (true) {
            for (NetlinkMessage message : receiveOrFail()) {
                if (message.seq() != expected) {
                    continue;
                }
                interrupted |= (message.flags() & Rtnl.NLM_F_DUMP_INTR) != 0;
                if (message.type() == Rtnl.NLMSG_DONE) {
                    return interrupted;
                }
                if (message.type() == Rtnl.NLMSG_ERROR) {
                    NetlinkAck ack = NetlinkAck.decode(message);
                    throw new SystemCallException("cannot dump " + what, ack.errno(), null, ack.kernelMessage().orElse(null));
                }
                answers.add(message);
            }
        }
    }

    private List<NetlinkMessage> receiveOrFail() throws IOException {
        List<NetlinkMessage> messages = receive();
        if (messages.isEmpty() && shutdown) {
            throw new IOException("rtnetlink socket shut down");
        }
        return messages;
    }

    private static byte[] withSeq(byte[] request, int seq) {
        byte[] copy = request.clone();
        ByteBuffer.wrap(copy).order(java.nio.ByteOrder.nativeOrder()).putInt(8, seq);
        return copy;
    }

    /** Waits until the socket is readable: true, or until {@link #shutdown()}: false. */
    private boolean awaitReadable() throws IOException {
        ByteBuffer fds = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder())
                .putInt(fd).putShort(POLLIN).putShort((short) 0)
                .putInt(wakePipe[0]).putShort(POLLIN).putShort((short) 0);
        byte[] pollfds = fds.array();
        while (!shutdown) {
            int ready = libc.poll(pollfds, 2, -1);
            if (ready < 0) {
                int errno = Native.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new SystemCallException("cannot poll the rtnetlink socket", errno, null);
            }
            ByteBuffer result = ByteBuffer.wrap(pollfds).order(java.nio.ByteOrder.nativeOrder());
            if (result.getShort(14) != 0) {
                return false;
            }
            if (result.getShort(6) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Wakes a thread blocked in {@link #receive()}; it then returns an empty list. */
    public void shutdown() {
        shutdown = true;
        if (wakePipe != null) {
            libc.write(wakePipe[1], new byte[] {1}, 1);
        } else {
            libc.shutdown(fd, SocketOptions.SHUT_RDWR);
        }
    }

    private void setOption(int level, int option, byte[] value, boolean required) throws IOException {
        if (libc.setsockopt(fd, level, option, value, value.length) < 0 && required) {
            throw new SystemCallException("cannot set socket option " + option + " on the rtnetlink socket", Native.errno(), null);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
            if (wakePipe != null) {
                libc.close(wakePipe[0]);
                libc.close(wakePipe[1]);
            }
        }
    }
}
