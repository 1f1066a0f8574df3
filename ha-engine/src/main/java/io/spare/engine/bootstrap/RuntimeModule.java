package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.spare.api.AddressBinder;
import io.spare.api.AdvertTransport;
import io.spare.api.LinkMonitor;
import io.spare.api.PluginContext;
import io.spare.api.Ticker;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.loop.ThreadEventLoop;
import io.spare.engine.runtime.Engine;
import io.spare.engine.runtime.EnginePorts;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The event loop, its clock, the check workers and the engine. */
final class RuntimeModule extends AbstractModule {
    private final PluginContext context;

    RuntimeModule(PluginContext context) {
        this.context = requireNonNull(context, "context");
    }

    @Override
    protected void configure() {
        bind(PluginContext.class).toInstance(context);
        bind(Ticker.class).toInstance(context.ticker());
        bind(Clock.class).toInstance(context.wallClock());
        bind(SpareDaemon.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ThreadEventLoop eventLoop(Ticker ticker, AdvertTransport transport) {
        // The transport reads its sockets on the loop thread when it can: one wake-up per burst of adverts, not two.
        return new ThreadEventLoop("spare-loop", ticker, transport.eventWaiter().orElse(null));
    }

    /** Checks run here; threads come and go with the checks' schedule, none is kept idle for long. */
    @Provides
    @Singleton
    @CheckWorkers
    ExecutorService checkWorkers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "spare-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Provides
    @Singleton
    Engine engine(SpareConfig config, PreparedPlugins prepared, AdvertTransport transport, AddressBinder binder,
            LinkMonitor linkMonitor, ThreadEventLoop loop, @CheckWorkers ExecutorService checkWorkers, Clock clock) {
        EnginePorts ports = new EnginePorts(transport, binder, linkMonitor, prepared.checks(), prepared.notifiers());
        return new Engine(config, ports, loop, checkWorkers, clock);
    }
}
