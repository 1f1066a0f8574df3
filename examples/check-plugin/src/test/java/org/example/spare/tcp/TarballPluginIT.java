package org.example.spare.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs this plugin as a user would: the released tarball, unpacked, with the plugin's jar
 * dropped into {@code plugins/tcp-port/}. Then Spare validates a config that uses it and runs it.
 */
class TarballPluginIT {
    private static Path spare;

    @TempDir
    Path work;

    @BeforeAll
    static void installPlugin() throws IOException {
        Integration.requireRoot();
        spare = Path.of(System.getProperty("spare.unpacked"));
        Path jar = Path.of(System.getProperty("plugin.jar"));
        assertThat(spare.resolve("bin/spare")).isExecutable();
        Path pluginDir = spare.resolve("plugins/tcp-port");
        Files.createDirectories(pluginDir);
        Files.copy(jar, pluginDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void spareCheckAcceptsTheInHouseCheckAndLocatesItsErrors() throws Exception {
        Path good = write("good.yaml", config("10.99.0.1", 9000));
        NetworkLab.Result ok = NetworkLab.runCommand(Duration.ofSeconds(60), List.of(spare.resolve("bin/spare").toString(), "check", "-c", good.toString()));
        assertThat(ok.output()).contains(good + ": OK (1 instance(s), 1 check(s)");
        assertThat(ok.exitCode()).isZero();

        Path bad = write("bad.yaml", config("10.99.0.1", 99999));
        NetworkLab.Result refused = NetworkLab.runCommand(Duration.ofSeconds(60), List.of(spare.resolve("bin/spare").toString(), "check", "-c", bad.toString()));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains(bad + ":7:11: checks.backend_port.port: must be 1..65535 (was 99999)");
    }

    @Test
    void theDaemonRunsTheCheckAndGivesUpTheVipWhenThePortCloses() throws Exception {
        try (NetworkLab lab = NetworkLab.create()) {
            lab.addHost("node", "10.99.0.1/24");
            Path serverLog = work.resolve("server.log");
            Process server = lab.startJava("node", serverLog, List.of(), TcpServerMain.class.getName(), "10.99.0.1", "9000");
            awaitFile(serverLog, "listening");

            Path config = write("run.yaml", config("10.99.0.1", 9000));
            Path log = work.resolve("spare.log");
            lab.start("node", log, spare.resolve("bin/spare").toString(), "run", "-c", config.toString(),
                    "--control-socket", work.resolve("spare.sock").toString());
            awaitVip(lab, true, log);

            // The port closes: the weight-0 check fails and the instance goes to FAULT.
            NetworkLab.killTree(server);
            awaitVip(lab, false, log);
            assertThat(Files.readString(log)).contains("FAULT");
        }
    }

    private static String config(String host, int port) {
        return """
                checks:
                  backend_port:
                    type: tcp-port
                    interval: 200ms
                    timeout: 500ms
                    host: %s
                    port: %d
                instances:
                  VI_1:
                    interface: eth0
                    virtual_router_id: 60
                    priority: 150
                    version: 3
                    advert_int: 0.1s
                    virtual_ipaddress: [10.99.0.210/24]
                    track_script: [backend_port]
                """.formatted(host, port);
    }

    private Path write(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void awaitFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " never said " + text);
    }

    private static void awaitVip(NetworkLab lab, boolean held, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (lab.exec("node", "ip", "-o", "addr", "show", "dev", "eth0").contains("10.99.0.210/24") == held) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("VIP never " + (held ? "added" : "removed") + "; spare log:\n" + Files.readString(log));
    }
}
