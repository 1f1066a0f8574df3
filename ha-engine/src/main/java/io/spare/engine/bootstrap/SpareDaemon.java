package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinder;
import io.spare.api.AdvertTransport;
import io.spare.api.LinkMonitor;
import io.spare.engine.loop.ThreadEventLoop;
import io.spare.engine.runtime.Engine;
import io.spare.engine.runtime.EngineStatus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** A running Spare: starts the loop and the engine, and stops everything in reverse order. */
public final class SpareDaemon implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SpareDaemon.class);

    private final Engine engine;
    private final ThreadEventLoop loop;
    private final AdvertTransport transport;
    private final AddressBinder binder;
    private final LinkMonitor linkMonitor;
    private final PreparedPlugins plugins;
    private final ExecutorService checkWorkers;
    private boolean started;
    private boolean closed;

    @Inject
    SpareDaemon(Engine engine, ThreadEventLoop loop, AdvertTransport transport, AddressBinder binder, LinkMonitor linkMonitor,
            PreparedPlugins plugins, @CheckWorkers ExecutorService checkWorkers) {
        this.engine = requireNonNull(engine, "engine");
        this.loop = requireNonNull(loop, "loop");
        this.transport = requireNonNull(transport, "transport");
        this.binder = requireNonNull(binder, "binder");
        this.linkMonitor = requireNonNull(linkMonitor, "linkMonitor");
        this.plugins = requireNonNull(plugins, "plugins");
        this.checkWorkers = requireNonNull(checkWorkers, "checkWorkers");
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        loop.start();
        engine.start();
        LOG.info("Spare started");
    }

    public EngineStatus status() {
        return engine.status();
    }

    /** Graceful stop: MASTERs send priority 0 and hand over, STOP is notified, then all closes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            LOG.info("Stopping: sending priority 0 and releasing virtual addresses");
            engine.close();
        }
        plugins.close();
        PreparedPlugins.closeQuietly("transport", transport);
        PreparedPlugins.closeQuietly("address binder", binder);
        PreparedPlugins.closeQuietly("link monitor", linkMonitor);
        checkWorkers.shutdownNow();
        try {
            loop.shutdown(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Spare stopped");
    }
}
