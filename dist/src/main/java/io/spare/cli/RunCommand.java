package io.spare.cli;

import io.spare.cli.control.ControlServer;
import io.spare.cli.control.StatusJson;
import io.spare.cli.metrics.MetricsServer;
import io.spare.engine.bootstrap.Bootstrap;
import io.spare.engine.bootstrap.SpareDaemon;
import io.spare.engine.config.ConfigException;
import io.spare.engine.config.LoadedConfig;
import io.spare.engine.plugin.PluginLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Spare in the foreground until SIGTERM or SIGINT.",
            "Stopping is graceful: a MASTER sends priority 0, hands its VIPs over and runs notify_stop."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Mixin
    ControlSocketOption controlSocket;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        SpareDaemon daemon;
        Logger log;
        Optional<InetSocketAddress> metricsListen;
        try {
            Bootstrap bootstrap = new Bootstrap(options.config, options.pluginsDirectory());
            LoadedConfig loaded = bootstrap.loadConfig();
            metricsListen = loaded.config().global().metricsListen();
            LoggingStartup.await();
            log = LogManager.getLogger(RunCommand.class);
            daemon = bootstrap.create(loaded, warning -> log.warn(warning.format()));
        } catch (ConfigException e) {
            e.diagnostics().forEach(d -> err.println(d.format()));
            err.flush();
            return e.exitCode();
        } catch (PluginLoadException e) {
            e.problems().forEach(p -> err.println("plugin: " + p));
            err.flush();
            return PluginLoadException.EXIT_PLUGIN;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        // the control socket and the metrics server, closed before the daemon so that nobody asks a stopped engine
        Queue<AutoCloseable> servers = new ConcurrentLinkedQueue<>();
        Thread hook = new Thread(() -> {
            try {
                for (AutoCloseable server; (server = servers.poll()) != null; ) {
                    closeQuietly(server);
                }
                daemon.close();
            } finally {
                stopped.countDown();
                LogManager.shutdown();
            }
        }, "spare-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.start();
        } catch (RuntimeException e) {
            log.error("Spare could not start: {}", e.getMessage(), e);
            Runtime.getRuntime().removeShutdownHook(hook);
            daemon.close();
            return ConfigException.EXIT_FAILURE;
        }
        // The daemon runs on without either: they only report.
        try {
            servers.add(ControlServer.start(controlSocket.path, () -> StatusJson.encode(daemon.status())));
        } catch (IOException e) {
            log.warn("no control socket, so `spare status` cannot reach this daemon: {}", e.getMessage());
        }
        if (metricsListen.isPresent()) {
            try {
                servers.add(MetricsServer.start(metricsListen.get(), daemon::status));
                log.info("Prometheus metrics at {}", MetricsServer.url(metricsListen.get()));
            } catch (IOException | RuntimeException e) {
                log.error("global.metrics_listen {}: cannot serve metrics there: {}; running without them",
                        metricsListen.get(), e.getMessage());
            }
        }
        // The daemon runs on its own threads; this one waits for the shutdown hook (SIGTERM, SIGINT).
        stopped.await();
        return ConfigException.EXIT_OK;
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
