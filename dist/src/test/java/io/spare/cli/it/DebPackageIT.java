package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The .deb as a user meets it: {@code dpkg -i}, the unit's own ExecStart line run as the {@code
 * spare} user with only CAP_NET_ADMIN and CAP_NET_RAW (what the unit's AmbientCapabilities grant;
 * systemd itself does not run here), then {@code dpkg --purge} leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    private static final String CAPS = "-all,+net_admin,+net_raw";
    private static final Path UNIT = Path.of("/lib/systemd/system/spare.service");
    private static boolean installedByUs;

    @BeforeAll
    static void install() throws IOException {
        Integration.requireRoot();
        Integration.requireCommand("dpkg");
        Integration.requireCommand("setpriv");
        // This test installs and purges the package: never on a machine where Spare is really installed.
        NetworkLab.Result present = NetworkLab.runCommand(Duration.ofSeconds(30), List.of("dpkg-query", "-W", "-f=${Status}", "spare"));
        Integration.need(!present.output().contains("ok installed"),
                "the spare package is installed on this machine; DebPackageIT would purge it");
        Path deb = Path.of(System.getProperty("spare.deb"));
        assertThat(deb).exists();
        installedByUs = true;
        NetworkLab.run("dpkg", "-i", deb.toString());
    }

    @AfterAll
    static void purge() throws IOException {
        if (installedByUs) {
            NetworkLab.runCommand(Duration.ofSeconds(60), List.of("dpkg", "--purge", "spare"));
            NetworkLab.runCommand(Duration.ofSeconds(10), List.of("rm", "-rf", "/run/spare"));
        }
    }

    @Test
    @Order(1)
    void installsTheLayoutTheUserAndAValidConfig() throws Exception {
        assertThat(Path.of("/opt/spare/bin/spare")).isExecutable();
        assertThat(Path.of("/opt/spare/plugins/script")).isDirectory();
        assertThat(Path.of("/opt/spare/conf").toRealPath()).isEqualTo(Path.of("/etc/spare"));
        assertThat(UNIT).exists();
        assertThat(NetworkLab.run("id", "-un", "spare").strip()).isEqualTo("spare");
        // Passwords may be in the config: readable by the spare group, not by everybody.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/etc/spare/spare.yaml")))).isEqualTo("rw-r-----");
        assertThat(NetworkLab.run("stat", "-c", "%G", "/etc/spare/spare.yaml").strip()).isEqualTo("spare");

        NetworkLab.Result check = NetworkLab.runCommand(Duration.ofSeconds(60), List.of("/opt/spare/bin/spare", "check", "-c", "/etc/spare/spare.yaml"));
        assertThat(check.exitCode()).as(check.output()).isZero();

        String unit = Files.readString(UNIT);
        assertThat(unit).contains("User=spare", "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW", "NoNewPrivileges=yes", "ProtectSystem=strict");
    }

    @Test
    @Order(2)
    void theUnitsExecStartRunsAsSpareWithOnlyTwoCapabilitiesAndHoldsTheVip() throws Exception {
        Files.writeString(Path.of("/etc/spare/spare.yaml"), """
                instances:
                  VI_1:
                    interface: eth0
                    virtual_router_id: 77
                    priority: 150
                    version: 3
                    advert_int: 0.1s
                    virtual_ipaddress: [10.99.0.231/24]
                """);
        // What RuntimeDirectory=spare would make.
        NetworkLab.run("install", "-d", "-o", "spare", "-g", "spare", "-m", "0755", "/run/spare");
        try (NetworkLab lab = NetworkLab.create()) {
            lab.addHost("node", "10.99.0.1/24");
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=spare", "--regid=spare", "--init-groups",
                    "--inh-caps=" + CAPS, "--ambient-caps=" + CAPS, "--bounding-set=" + CAPS, "env"));
            command.addAll(unitValues("Environment"));
            command.add("PATH=/usr/local/bin:/usr/bin:/bin");
            command.addAll(Arrays.asList(unitValues("ExecStart").get(0).split(" ")));
            Path log = Files.createTempFile("spare-deb", ".log");
            Process spare = lab.start("node", log, command.toArray(String[]::new));

            awaitVip(lab, true, log);
            String status = Files.readString(Path.of("/proc/" + spare.pid() + "/status"));
            assertThat(line(status, "Uid:")).contains(NetworkLab.run("id", "-u", "spare").strip());
            // CAP_NET_ADMIN is bit 12, CAP_NET_RAW bit 13: nothing else is effective.
            assertThat(line(status, "CapEff:")).endsWith("0000000000003000");

            NetworkLab.run("kill", "-TERM", Long.toString(spare.pid()));
            assertThat(spare.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(lab.exec("node", "ip", "-o", "addr", "show", "dev", "eth0")).doesNotContain("10.99.0.231");
            assertThat(Files.readString(log)).contains("Entering MASTER STATE", "Spare stopped");
            Files.deleteIfExists(log);
        }
    }

    @Test
    @Order(3)
    void purgeRemovesEverything() throws Exception {
        NetworkLab.run("dpkg", "--purge", "spare");
        installedByUs = false;
        assertThat(Path.of("/opt/spare")).doesNotExist();
        assertThat(Path.of("/etc/spare")).doesNotExist();
        assertThat(UNIT).doesNotExist();
        assertThat(NetworkLab.runCommand(Duration.ofSeconds(10), List.of("id", "spare")).exitCode()).isNotZero();
    }

    private static List<String> unitValues(String key) throws IOException {
        List<String> values = new ArrayList<>();
        for (String line : Files.readAllLines(UNIT)) {
            if (line.startsWith(key + "=")) {
                values.add(line.substring(key.length() + 1).strip());
            }
        }
        return values;
    }

    private static String line(String status, String key) {
        return Arrays.stream(status.split("\n")).filter(l -> l.startsWith(key)).findFirst().orElse("").strip();
    }

    private static void awaitVip(NetworkLab lab, boolean held, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (lab.exec("node", "ip", "-o", "addr", "show", "dev", "eth0").contains("10.99.0.231/24") == held) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("VIP never " + (held ? "added" : "removed") + "; spare log:\n" + Files.readString(log));
    }
}
