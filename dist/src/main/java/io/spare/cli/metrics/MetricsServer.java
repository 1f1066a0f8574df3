package io.spare.cli.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.spare.engine.runtime.EngineStatus;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@link StatusMetrics} at {@code http://ADDRESS:PORT/metrics} for Prometheus, on one
 * thread of its own: scrapes are rare and each one is a single snapshot of the event loop.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;
    private final ExecutorService executor;

    private MetricsServer(HTTPServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @throws IOException when the address cannot be bound (in use, not on this host) */
    public static MetricsServer start(InetSocketAddress listen, Supplier<EngineStatus> status) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new StatusMetrics(status));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "spare-metrics");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(listen.getAddress())
                    .port(listen.getPort())
                    .registry(registry)
                    .executorService(executor)
                    .buildAndStart();
            return new MetricsServer(server, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:9650/metrics}, {@code http://[::1]:9650/metrics}. */
    public static String url(InetSocketAddress listen) {
        String host = listen.getAddress().getHostAddress();
        return "http://" + (listen.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + listen.getPort() + "/metrics";
    }

    /** The port bound: the one asked for, or the one the kernel chose for port 0. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
