package io.spare.netlink.sys;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Closes file descriptors on a daemon thread, for closes that block (packet sockets wait for RCU). */
final class BackgroundCloser {
    private static final ExecutorService CLOSER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "spare-netlink-closer");
        thread.setDaemon(true);
        return thread;
    });

    private BackgroundCloser() {}

    static void close(int fd) {
        CLOSER.execute(() -> Native.libc().close(fd));
    }
}
