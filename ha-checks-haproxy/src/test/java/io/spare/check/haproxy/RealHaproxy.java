package io.spare.check.haproxy;

import io.spare.api.Ticker;
import io.spare.api.testing.Integration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy for integration tests, in a directory of the test's own: a config with a stats
 * socket there (UNIX and TCP on loopback), frontend {@code http-in}, backend {@code web} with servers
 * {@code s1} and {@code s2} health-checked every 200ms, and a stats page with basic auth. Started in
 * the foreground by PID; {@link #close} kills that PID and any a restart script recorded.
 */
final class RealHaproxy implements AutoCloseable {
    static final String STATS_USER = "user";
    static final String STATS_PASSWORD = "pass";

    final Path dir;
    final Path config;
    final Path socket;
    final int tcpSocketPort;
    final int frontendPort;
    final int statsPort;
    private final List<Process> started = new ArrayList<>();
    private final List<Path> pidFiles = new ArrayList<>();

    RealHaproxy(Path dir, int serverPort1, int serverPort2) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("haproxy.cfg");
        this.socket = dir.resolve("admin.sock");
        this.tcpSocketPort = freePort();
        this.frontendPort = freePort();
        this.statsPort = freePort();
        Files.writeString(config, String.join("\n",
                "global",
                "    stats socket " + socket + " mode 600 level admin",
                "    stats socket ipv4@127.0.0.1:" + tcpSocketPort + " level admin",
                "    stats timeout 30s",
                "defaults",
                "    mode http",
                "    timeout connect 1s",
                "    timeout client 5s",
                "    timeout server 5s",
                "frontend http-in",
                "    bind 127.0.0.1:" + frontendPort,
                "    default_backend web",
                "backend web",
                "    option httpchk GET /",
                "    server s1 127.0.0.1:" + serverPort1 + " check inter 200ms fall 2 rise 1",
                "    server s2 127.0.0.1:" + serverPort2 + " check inter 200ms fall 2 rise 1",
                "listen stats",
                "    bind 127.0.0.1:" + statsPort,
                "    stats enable",
                "    stats uri /stats",
                "    stats auth " + STATS_USER + ":" + STATS_PASSWORD,
                ""));
    }

    /** Starts {@code haproxy -f CFG -db} and waits until its stats socket answers. */
    Process start() throws Exception {
        Path log = dir.resolve("haproxy-" + started.size() + ".log");
        Process process = new ProcessBuilder(Integration.findCommand("haproxy").toString(), "-f", config.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                runtimeApi("show info");
                return process;
            } catch (ProbeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("haproxy's stats socket did not answer within 10s: " + e.getMessage() + "\n" + Files.readString(log));
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A command to the runtime API, as an operator would send it with socat. */
    String runtimeApi(String command) throws ProbeException, InterruptedException {
        return new RuntimeApiClient(new StatsEndpoint.UnixSocket(socket)).query(command, Deadline.after(Ticker.system(), Duration.ofSeconds(2)));
    }

    /** A script for {@code on_fail} that starts HAProxy again as a daemon, recording its PID for {@link #close}. */
    Path restartScript() throws IOException {
        Path pidFile = dir.resolve("restarted.pid");
        pidFiles.add(pidFile);
        Path script = dir.resolve("restart-haproxy.sh");
        Files.writeString(script, "#!/bin/sh\nexec " + Integration.findCommand("haproxy") + " -f " + config + " -D -p " + pidFile + "\n");
        script.toFile().setExecutable(true, true);
        return script;
    }

    static void kill(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process : started) {
            kill(process);
        }
        for (Path pidFile : pidFiles) {
            if (Files.exists(pidFile)) {
                for (String line : Files.readAllLines(pidFile)) {
                    if (!line.isBlank()) {
                        ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(handle -> {
                            handle.destroy();
                            try {
                                handle.onExit().get(5, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                handle.destroyForcibly();
                            }
                        });
                    }
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
