package io.spare.engine.plugin;

import java.util.concurrent.Callable;

/**
 * The one way into plugin code: runs with the plugin's class loader as the thread's context class
 * loader (libraries such as Jakarta Mail look up their providers through it) and turns linkage
 * errors from a broken jar into ordinary exceptions, so that a plugin cannot take the daemon down.
 */
public final class PluginCalls {
    private PluginCalls() {}

    public static <T> T call(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (LinkageError e) {
            throw new PluginFailureException("plugin code failed: " + PluginManager.describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(ClassLoader loader, ThrowingRunnable run) throws Exception {
        call(loader, () -> {
            run.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A plugin threw an {@link Error} the engine must survive (a missing class, a bad jar). */
    public static final class PluginFailureException extends Exception {
        private static final long serialVersionUID = 1L;

        PluginFailureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
