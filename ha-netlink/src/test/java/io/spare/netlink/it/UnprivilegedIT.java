package io.spare.netlink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import io.spare.netlink.it.IpJson.Address;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module as user nobody with only CAP_NET_ADMIN and CAP_NET_RAW (ambient), and with no
 * capability at all: then each failure names the capability that is missing.
 */
class UnprivilegedIT {
    private static Path classPathCopy;
    private static String classPath;
    private NetworkLab lab;

    @BeforeAll
    static void copyClassPathWhereNobodyCanReadIt() throws IOException {
        Integration.requireRoot();
        Integration.requireCommand("setpriv");
        // the test class path lives under /root, which nobody cannot read
        classPathCopy = Files.createTempDirectory("spare-netlink-cp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = classPathCopy.resolve((n++) + "-" + source.getFileName());
            copy(source, target);
            entries.add(target.toString());
        }
        classPath = String.join(File.pathSeparator, entries);
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        if (classPathCopy != null) {
            try (Stream<Path> tree = Files.walk(classPathCopy)) {
                tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        lab = NetworkLab.create();
        lab.addHost("a", "10.99.0.1/24", "fd99::1/64");
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void everythingWorksWithOnlyNetAdminAndNetRawAsNobody() throws IOException {
        String output = probe("-all,+net_admin,+net_raw");

        assertThat(output).contains("Uid:\t65534", "CapEff:\t0000000000003000");
        assertThat(output).contains("lookup ok", "add ok", "announce-ipv4 ok", "announce-ipv6 ok", "create-vmac ok",
                "delete-vmac ok", "monitor ok", "remove-ipv6 ok", "done");
        assertThat(IpJson.addresses(lab, "a", "eth0")).extracting(Address::local).contains("10.99.0.210").doesNotContain("fd99::210");
    }

    @Test
    void withoutCapabilitiesEachFailureNamesTheMissingOne() throws IOException {
        String output = probe("-all");

        assertThat(output).contains("CapEff:\t0000000000000000", "lookup ok");
        assertThat(line(output, "add")).contains("failed", "Operation not permitted", "CAP_NET_ADMIN");
        assertThat(line(output, "announce-ipv4")).contains("failed", "CAP_NET_RAW");
        assertThat(line(output, "announce-ipv6")).contains("failed", "CAP_NET_RAW");
        assertThat(line(output, "create-vmac")).contains("failed", "CAP_NET_ADMIN");
        assertThat(IpJson.addresses(lab, "a", "eth0")).extracting(Address::local).doesNotContain("10.99.0.210");
    }

    private String probe(String capabilities) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NetworkLab.Result result = NetworkLab.runCommand(Duration.ofSeconds(60), List.of(
                "ip", "netns", "exec", lab.ns("a"),
                "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--inh-caps=" + capabilities, "--ambient-caps=" + capabilities, "--bounding-set=" + capabilities,
                java, "-Xshare:off", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/tmp", "-cp", classPath,
                PrivilegeProbe.class.getName(), "eth0", "10.99.0.210", "fd99::210"));
        System.out.println(result.output());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static String line(String output, String step) {
        return output.lines().filter(l -> l.startsWith(step + " ")).findFirst().orElse("(no line for " + step + ")");
    }
}
