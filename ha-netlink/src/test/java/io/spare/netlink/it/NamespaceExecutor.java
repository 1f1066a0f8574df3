package io.spare.netlink.it;

import io.spare.netlink.sys.LibC;
import io.spare.netlink.sys.Native;
import io.spare.netlink.sys.SocketOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One thread switched into a network namespace with setns(2): the namespace is per thread, and
 * sockets opened on it (and threads it starts) belong to that namespace.
 */
public final class NamespaceExecutor implements AutoCloseable {
    private final ExecutorService executor;

    public NamespaceExecutor(Path namespace) throws Exception {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "netns-" + namespace.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        call(() -> {
            enter(namespace);
            return null;
        });
    }

    public static void enter(Path namespace) throws IOException {
        LibC libc = Native.libc();
        int fd = libc.open(namespace.toString(), SocketOptions.O_RDONLY | SocketOptions.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open " + namespace + ": " + Native.describe(Native.errno()));
        }
        try {
            if (libc.setns(fd, SocketOptions.CLONE_NEWNET) < 0) {
                throw new IOException("setns " + namespace + ": " + Native.describe(Native.errno()));
            }
        } finally {
            libc.close(fd);
        }
    }

    public <T> T call(Callable<T> task) throws Exception {
        try {
            return executor.submit(task).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    public interface Action {
        void run() throws Exception;
    }

    public void run(Action action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
