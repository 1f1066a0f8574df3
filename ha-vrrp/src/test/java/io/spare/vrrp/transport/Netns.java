package io.spare.vrrp.transport;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs code in another network namespace: a fresh thread enters it with setns(2) and ends after
 * the task, so no thread of the test JVM stays in the namespace. Sockets created by the task keep
 * belonging to the namespace after the thread is gone.
 */
final class Netns {
    private Netns() {}

    static <T> T call(Path namespace, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            LibC libc = Native.libc();
            int fd = libc.open(namespace.toString(), Native.O_RDONLY | Native.O_CLOEXEC);
            if (fd < 0) {
                throw Native.failure("open(" + namespace + ")", Native.errno());
            }
            try {
                if (libc.setns(fd, Native.CLONE_NEWNET) < 0) {
                    throw Native.failure("setns(" + namespace + ")", Native.errno());
                }
            } finally {
                libc.close(fd);
            }
            return task.call();
        });
        Thread thread = new Thread(future, "netns-" + namespace.getFileName());
        thread.start();
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.join();
        }
    }
}
