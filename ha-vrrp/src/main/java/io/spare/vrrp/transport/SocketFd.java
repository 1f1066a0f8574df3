package io.spare.vrrp.transport;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * A socket's file descriptor that another thread can wake out of a blocking receive: shutdown(2)
 * wakes it at once (close(2) would not, and the number could be reused under it), the receiver
 * then sees {@link #receive} return -1, and only after that thread is gone is the fd closed.
 */
final class SocketFd {
    private final LibC libc;
    private final int fd;
    private volatile boolean shut;

    SocketFd(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    int fd() {
        return fd;
    }

    /**
     * Runs a receive call, retrying on EINTR/EAGAIN.
     *
     * @return the bytes received, or -1 once {@link #shutdown} was called
     */
    long receive(LongSupplier call, String what) throws IOException {
        while (true) {
            long received = call.getAsLong();
            int errno = received < 0 ? Native.errno() : 0;
            if (shut) {
                return -1;
            }
            if (received >= 0) {
                return received;
            }
            if (errno != Native.EINTR && errno != Native.EAGAIN) {
                throw Native.failure(what, errno);
            }
        }
    }

    void shutdown() {
        shut = true;
        libc.shutdown(fd, Native.SHUT_RDWR);
    }

    void close() {
        libc.close(fd);
    }
}
