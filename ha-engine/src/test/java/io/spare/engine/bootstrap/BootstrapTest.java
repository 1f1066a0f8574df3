package io.spare.engine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.Advertisement;
import io.spare.api.VrrpState;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.ConfigException;
import io.spare.engine.plugin.PluginLoadException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
    private static final String VALID = """
            global:
              router_id: test
            checks:
              web:
                type: tcp
                interval: 1s
                weight: -10
                host: 127.0.0.1
                port: 8080
            instances:
              VI_1:
                interface: lo
                virtual_router_id: 51
                priority: 200
                version: 3
                advert_int: 0.1s
                virtual_ipaddress: [10.99.0.200/24]
                track_script: [web]
                notify_master: /bin/true
            """;

    @TempDir
    Path dir;

    private ClassLoader platform;

    @BeforeEach
    void servicesFile() throws IOException {
        // The wiring reads platform adapters from the class path; give it the testing ones only.
        Path services = dir.resolve("cp/META-INF/services/io.spare.api.SparePlugin");
        Files.createDirectories(services.getParent());
        Files.writeString(services, TestingPlatformPlugin.class.getName() + "\n");
        platform = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
        TestingPlatformPlugin.SENT.clear();
    }

    @Test
    void checkValidatesEveryPluginBlockAndReportsWarnings() throws Exception {
        Bootstrap.CheckReport report = bootstrap(VALID).check();
        assertThat(report.config().config().instances()).containsOnlyKeys("VI_1");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void pluginProblemsAreLocatedInTheFileAllAtOnce() throws Exception {
        String yaml = """
                checks:
                  web:
                    type: tcp
                    host: 127.0.0.1
                    port: 99999
                  other:
                    type: tpc
                  third:
                    type: tcp
                    hots: x
                    port: 1
                instances:
                  VI_1:
                    interface: lo
                    virtual_router_id: 51
                    virtual_ipaddress: [10.99.0.200/24]
                    track_script: [web, other, third]
                """;
        assertThatThrownBy(() -> bootstrap(yaml).check())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigDiagnostic::format)
                        .containsExactly(
                                at(":5:11: checks.web.port: must be 1..65535 (was 99999)"),
                                at(":7:11: checks.other.type: unknown check type 'tpc' (available: tcp)"),
                                at(":10:5: checks.third.hots: unknown key `hots`; expected one of host, port")));
    }

    @Test
    void smtpAlertWithoutAMailServerIsAWarningAtTheAlert() throws Exception {
        String yaml = VALID.replace("notify_master: /bin/true", "smtp_alert: true");
        Bootstrap.CheckReport report = bootstrap(yaml).check();
        assertThat(report.warnings()).extracting(ConfigDiagnostic::format).containsExactly(
                at(":19:17: warning: instances.VI_1.smtp_alert: smtp_alert is on for VI_1 but no mail is sent: set global.notification_email and global.smtp_server"));
    }

    @Test
    void runRefusesAnInterfaceThisHostDoesNotHaveAndNamesIt() throws Exception {
        String yaml = VALID.replace("interface: lo", "interface: nosuch0");
        assertThatThrownBy(() -> bootstrap(yaml).create(w -> {}))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(d -> assertThat(d.format()).startsWith(at(":12:16: instances.VI_1.interface: no interface 'nosuch0' on this host (have: "))));
        // check only warns: the file may be meant for another host
        assertThat(bootstrap(yaml).check().warnings()).singleElement()
                .satisfies(d -> assertThat(d.format()).contains("warning: instances.VI_1.interface: no interface 'nosuch0'"));
    }

    @Test
    void withoutATransportRunSaysWhatIsMissing() throws Exception {
        Path file = write(VALID);
        Bootstrap bare = new Bootstrap(file, Optional.empty(), new URLClassLoader(new URL[0], getClass().getClassLoader()));
        assertThatThrownBy(bare::check)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigDiagnostic::message)
                        .contains("no transport on the class path: Spare's lib/ must hold ha-vrrp and its dependencies",
                                "no address binder on the class path: Spare's lib/ must hold ha-netlink and its dependencies"));
    }

    @Test
    void aLoneNodeBecomesMasterThroughTheWiredDaemonAndStopsWithPriorityZero() throws Exception {
        SpareDaemon daemon = bootstrap(VALID).create(w -> {});
        try {
            daemon.start();
            long deadline = System.nanoTime() + TestingPlatformPlugin.settle().toNanos();
            while (daemon.status().instance("VI_1").state() != VrrpState.MASTER && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(daemon.status().instance("VI_1").state()).isEqualTo(VrrpState.MASTER);
            InetAddress vip = InetAddress.getByName("10.99.0.200");
            awaitHolders(vip, true);
        } finally {
            daemon.close();
        }
        List<Advertisement> sent = new ArrayList<>(TestingPlatformPlugin.SENT);
        assertThat(sent).isNotEmpty();
        assertThat(sent.get(0).priority()).isEqualTo(200);
        assertThat(sent.get(sent.size() - 1).priority()).isZero();
        assertThat(TestingPlatformPlugin.LEDGER.holders(InetAddress.getByName("10.99.0.200"))).isEmpty();
        assertThat(TestingPlatformPlugin.NOTIFIER.states("VI_1")).contains(VrrpState.MASTER, VrrpState.STOP);
    }

    private static void awaitHolders(InetAddress vip, boolean held) {
        long deadline = System.nanoTime() + TestingPlatformPlugin.settle().toNanos();
        while (TestingPlatformPlugin.LEDGER.holders(vip).isEmpty() == held && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(TestingPlatformPlugin.LEDGER.holders(vip).isEmpty()).isNotEqualTo(held);
    }

    private Path file() {
        return dir.resolve("spare.yaml");
    }

    private String at(String location) {
        return file() + location;
    }

    private Bootstrap bootstrap(String yaml) throws IOException, PluginLoadException {
        return new Bootstrap(write(yaml), Optional.empty(), platform);
    }

    private Path write(String yaml) throws IOException {
        Files.writeString(file(), yaml);
        return file();
    }
}
