package io.spare.netlink.sys;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Sends that a full device queue (ENOBUFS, EAGAIN) may refuse for a moment, as in a burst of 255 announcements. */
final class Retry {
    private static final int ATTEMPTS = 20;
    private static final long PAUSE_NANOS = 500_000;

    private Retry() {}

    static void send(LongSupplier sendCall, String what, Capability needed) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (sendCall.getAsLong() >= 0) {
                return;
            }
            int errno = Native.errno();
            boolean transientError = errno == Errno.EINTR || errno == Errno.ENOBUFS || errno == Errno.EAGAIN;
            if (!transientError || attempt == ATTEMPTS) {
                throw new SystemCallException(what, errno, needed);
            }
            if (errno != Errno.EINTR) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
    }
}
