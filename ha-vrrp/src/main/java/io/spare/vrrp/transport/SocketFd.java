package io.spare.vrrp.transport;

import java.io.IOException;
import java.util.function.LongSupplier;

/** A socket's file descriptor, read without blocking when poll(2) said it is ready. */
final class SocketFd {
    private final LibC libc;
    private final int fd;

    SocketFd(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /**
     * Runs a non-blocking receive call ({@code MSG_DONTWAIT}), retrying on EINTR.
     *
     * @return the bytes received, or -1 when nothing is waiting
     */
    long receive(LongSupplier call, String what) throws IOException {
        while (true) {
            long received = call.getAsLong();
            if (received >= 0) {
                return received;
            }
            int errno = Native.errno();
            if (errno == Native.EAGAIN) {
                return -1;
            }
            if (errno != Native.EINTR) {
                throw Native.failure(what, errno);
            }
        }
    }

    void close() {
        libc.close(fd);
    }
}
