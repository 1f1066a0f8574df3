package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code spare} command as a user runs it: the launcher of the assembled product. */
class CliIT {
    private static final Path SPARE = Path.of(System.getProperty("spare.dist"), "bin", "spare");
    private static final Path SEED = Path.of(System.getProperty("spare.shared"), "seed", "keepalived.conf");

    @TempDir
    Path work;

    @Test
    void theReferenceKeepalivedConfImportsIntoAConfigThatCheckAccepts() throws Exception {
        NetworkLab.Result imported = spare(List.of("import-keepalived", SEED.toString()));
        assertThat(imported.exitCode()).isZero();
        String yaml = imported.output().substring(0, imported.output().indexOf("\n" + SEED));
        assertThat(yaml).contains("chk_state_down:\n    type: file", "path: /etc/keepalived/down", "exists: fail", "virtual_router_id: 111");
        // The importer says what it converted, with the line: the maintenance switch is shell code.
        assertThat(imported.output()).contains(SEED + ":14: vrrp_script chk_state_down: script '[[ -f /etc/keepalived/down ]]");

        Path config = work.resolve("imported.yaml");
        Files.writeString(config, yaml);
        NetworkLab.Result check = spare(List.of("check", "-c", config.toString()));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains(config + ": OK (1 instance(s), 2 check(s)");
        assertThat(check.output()).doesNotContain(": error", "unknown");
    }

    @Test
    void fiveMistakesGiveFiveLocatedErrorsAndExitCode2() throws Exception {
        Path config = work.resolve("spare.yaml");
        Files.writeString(config, """
                global:
                  router_idd: lb1
                instances:
                  VI_1:
                    interface: lo
                    virtual_router_id: 300
                    priority: 0
                    advert_int: soon
                    virtual_ipaddress: [10.99.0.300/24]
                """);
        NetworkLab.Result check = spare(List.of("check", "-c", config.toString()));
        assertThat(check.exitCode()).isEqualTo(2);
        Pattern located = Pattern.compile("^" + Pattern.quote(config.toString()) + ":\\d+:\\d+: .*");
        List<String> errors = Arrays.stream(check.output().split("\n")).filter(l -> located.matcher(l).matches()).toList();
        assertThat(errors).hasSize(5);
        assertThat(errors.get(0)).startsWith(config + ":2:3: global.router_idd: ").contains("router_id");
        assertThat(check.output()).contains("5 errors in " + config);
    }

    @Test
    void aBadCommandLineExits64AndHelpListsTheCommands() throws Exception {
        NetworkLab.Result bad = spare(List.of("frobnicate"));
        assertThat(bad.exitCode()).isEqualTo(64);
        NetworkLab.Result help = spare(List.of("--help"));
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("run", "check", "import-keepalived", "demo", "2    invalid configuration");
    }

    @Test
    void theLauncherRefusesAJavaOlderThan17WhetherItsReleaseFileOrTheJvmSaysSo() throws Exception {
        // A JDK 11 with a release file: its java must not even be started (it exits 99 if it is).
        Path jdk11 = fakeJdk("jdk11", "echo started >&2; exit 99");
        Files.writeString(jdk11.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        NetworkLab.Result old = withJavaHome(jdk11, "--version");
        assertThat(old.exitCode()).as(old.output()).isEqualTo(1);
        assertThat(old.output()).contains("is Java 11.0.2; Spare needs Java 17 or newer").doesNotContain("started");

        // No release file (a JRE unpacked by hand): the JVM's own banner is read.
        Path jre8 = fakeJdk("jre8", "echo 'openjdk version \"1.8.0_392\"' >&2");
        NetworkLab.Result older = withJavaHome(jre8, "--version");
        assertThat(older.exitCode()).as(older.output()).isEqualTo(1);
        assertThat(older.output()).contains("is Java 1.8.0; Spare needs Java 17 or newer");
    }

    @Test
    void theLauncherTrimsTheNativeHeapOnlyWithAJvmThatHasTheOption() throws Exception {
        // a "JVM" that prints the flags it was given
        Map<String, Boolean> trims = new LinkedHashMap<>();
        for (String version : List.of("17.0.8", "17.0.9", "17.0.15", "18.0.2", "21", "21.0.1", "22", "25.0.1")) {
            Path jdk = fakeJdk("jdk-" + version, "echo \"$@\"");
            Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
            NetworkLab.Result run = NetworkLab.runCommand(Duration.ofSeconds(60),
                    List.of("env", "JAVA_HOME=" + jdk, "SPARE_CDS=off", SPARE.toString(), "--version"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("io.spare.cli.Spare --version");
            trims.put(version, run.output().contains("-XX:TrimNativeHeapInterval=5000"));
        }
        assertThat(trims).containsExactly(Map.entry("17.0.8", false), Map.entry("17.0.9", true), Map.entry("17.0.15", true),
                Map.entry("18.0.2", false), Map.entry("21", false), Map.entry("21.0.1", true), Map.entry("22", true),
                Map.entry("25.0.1", true));
    }

    private Path fakeJdk(String name, String javaScript) throws Exception {
        Path bin = Files.createDirectories(work.resolve(name).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + javaScript + "\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return work.resolve(name);
    }

    private static NetworkLab.Result withJavaHome(Path javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "JAVA_HOME=" + javaHome, SPARE.toString()));
        command.addAll(List.of(args));
        return NetworkLab.runCommand(Duration.ofSeconds(60), command);
    }

    @Test
    void theDemoShowsAFailoverAndAPreemptionAndLeavesNothingBehind() throws Exception {
        Integration.requireRoot();
        Integration.requireCommand("ping");
        NetworkLab.Result demo = NetworkLab.runCommand(Duration.ofSeconds(120), List.of(SPARE.toString(), "demo"));
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("A is MASTER and holds 10.99.0.200", "B is MASTER", "A is MASTER again", "Done.");
        // B's own view, through its status socket: a BACKUP following A, not holding the VIP
        assertThat(demo.output()).containsPattern("VI_1 +BACKUP +eth0 +51 +v2 +90 +10\\.99\\.0\\.1 \\(100\\) +10\\.99\\.0\\.200/24\n");
        // The client saw the dead master's outage: Master_Down_Interval for priority 90 is 3.65 s.
        long outage = Long.parseLong(demo.output().replaceAll("(?s).*outage of (\\d+) ms.*", "$1"));
        assertThat(outage).isBetween(2_500L, 5_000L);
        String namespaces = NetworkLab.run("ip", "netns", "list");
        assertThat(namespaces).doesNotContain("spare-demo-");
    }

    private static NetworkLab.Result spare(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(SPARE.toString());
        command.addAll(args);
        return NetworkLab.runCommand(Duration.ofSeconds(60), command);
    }
}
