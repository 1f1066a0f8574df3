package io.spare.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class data sharing archive: made once for a JVM and a set of jars, used by every
 * later start, made again when either changes, and never a reason not to start.
 */
class ClassDataSharingIT {
    private static final Path DIST = Path.of(System.getProperty("spare.dist"));
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\S+ (\\S+) source: (.*)$");

    @TempDir
    Path work;

    private Path spare;
    private Path cache;

    @BeforeEach
    void copyTheDistribution() throws IOException {
        // a copy: these tests change its jars and its class list
        NetworkLab.run("cp", "-a", DIST.toString(), work.resolve("spare").toString());
        spare = work.resolve("spare");
        cache = work.resolve("cache");
    }

    @Test
    void theFirstStartMakesTheArchiveAndLaterStartsLoadTheirClassesFromIt() throws Exception {
        NetworkLab.Result first = spare(Map.of(), "--version");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).doesNotContain("class data sharing");
        Path archive = onlyArchive();
        FileTime made = Files.getLastModifiedTime(archive);

        // -Xshare:on: the JVM refuses to start when it cannot map the archive it is given
        Path classes = work.resolve("classes.log");
        NetworkLab.Result second = spare(Map.of("SPARE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classes), "--version");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(onlyArchive()).isEqualTo(archive);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
        assertThat(sources(classes)).containsEntry("io.spare.cli.Spare", "shared objects file");
    }

    @Test
    void aChangedJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        assertThat(spare(Map.of(), "--version").exitCode()).isZero();
        Path old = onlyArchive();

        Path engine;
        try (Stream<Path> jars = Files.list(spare.resolve("lib"))) {
            engine = jars.filter(p -> p.getFileName().toString().startsWith("ha-engine-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(engine, FileTime.from(Instant.now().plusSeconds(60)));

        NetworkLab.Result changed = spare(Map.of("SPARE_JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(changed.exitCode()).as(changed.output()).isZero();
        assertThat(onlyArchive()).isNotEqualTo(old);
        assertThat(old).doesNotExist();
    }

    @Test
    void aJvmThatCannotMakeTheArchiveStartsWithoutItAndSaysSoOnce() throws Exception {
        Files.writeString(spare.resolve("lib/spare.classlist"), "@lambda-proxy nonsense\n",
                StandardOpenOption.APPEND);

        NetworkLab.Result first = spare(Map.of(), "--version");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("spare: no class data sharing archive (why: " + cache.resolve("spare-cds.log") + ")");
        assertThat(Files.readString(cache.resolve("spare-cds.log"))).contains("class list format error");

        NetworkLab.Result second = spare(Map.of(), "--version");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("class data sharing");
        assertThat(archives()).isEmpty();
    }

    @Test
    void aCacheDirectoryThatCannotBeWrittenOnlyMeansNoArchive() throws Exception {
        NetworkLab.Result result = spare(Map.of("SPARE_CDS_DIR", "/proc/spare-cannot-be-made"), "--version");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).hasSize(1).allMatch(line -> line.startsWith("spare ") && !line.startsWith("spare:"));
    }

    @Test
    void theDaemonLoadsItsClassesFromTheArchive() throws Exception {
        // dev/cds-classlist keeps lib/spare.classlist in step with what the daemon loads; this fails when it was not run
        try (NetworkLab lab = NetworkLab.create()) {
            lab.addHost("a", "10.99.41.1/24", "fd99:41::1/64");
            Path config = work.resolve("spare.yaml");
            Files.writeString(config, """
                    instances:
                      V2:
                        interface: eth0
                        virtual_router_id: 41
                        priority: 200
                        advert_int: 1s
                        authentication: {auth_type: PASS, auth_pass: secret}
                        virtual_ipaddress: [10.99.41.100/24]
                      V3_IPV6:
                        interface: eth0
                        virtual_router_id: 42
                        version: 3
                        priority: 200
                        advert_int: 100ms
                        virtual_ipaddress: [fd99:41::100/64]
                    """);
            NetworkLab.Result check = spare(Map.of(), "check", "-c", config.toString()); // makes the archive
            assertThat(check.exitCode()).as(check.output()).isZero();
            Path classes = work.resolve("daemon-classes.log");
            Path log = work.resolve("daemon.log");
            Process daemon = lab.start("a", log, "env", "SPARE_CDS_DIR=" + cache,
                    "SPARE_JAVA_OPTS=-Xshare:on -Xlog:class+load=info:file=" + classes,
                    spare.resolve("bin/spare").toString(), "run", "-c", config.toString(),
                    "--control-socket", work.resolve("spare.sock").toString());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (countMasters(log) < 2 && System.nanoTime() < deadline && daemon.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(countMasters(log)).as(Files.readString(log)).isEqualTo(2);
            daemon.toHandle().destroy(); // SIGTERM: the stop path loads classes too
            assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();

            List<String> notShared = new ArrayList<>();
            int shared = 0;
            for (Map.Entry<String, String> loaded : sources(classes).entrySet()) {
                String source = loaded.getValue();
                if (source.equals("shared objects file")) {
                    shared++;
                } else if ((source.startsWith("jrt:/") || source.contains("/lib/")) && !source.contains("picocli")) {
                    // from the JDK or lib/ through the built-in loaders: what the archive should hold;
                    // picocli's classes are Java 5 class files, which no archive can hold
                    notShared.add(loaded.getKey());
                }
            }
            assertThat(shared).isGreaterThan(4000);
            // a class or two on a path the list's run did not take is fine; a list behind the code is not
            String behind = "classes the daemon read from jars instead of the archive; run dev/cds-classlist";
            assertThat(notShared).as(behind).hasSizeLessThan(shared / 50);
            assertThat(notShared.stream().filter(name -> name.startsWith("io.spare."))).as(behind).hasSizeLessThan(5);
        }
    }

    private NetworkLab.Result spare(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "SPARE_CDS_DIR=" + cache));
        env.forEach((key, value) -> command.add(key + "=" + value));
        command.add(spare.resolve("bin/spare").toString());
        command.addAll(List.of(args));
        return NetworkLab.runCommand(Duration.ofSeconds(60), command);
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private Path onlyArchive() throws IOException {
        List<Path> archives = archives();
        assertThat(archives).hasSize(1);
        return archives.get(0);
    }

    /** Each class the JVM logged loading, with where it came from. */
    private static Map<String, String> sources(Path classLoadLog) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String line : Files.readAllLines(classLoadLog)) {
            Matcher matcher = CLASS_LOAD.matcher(line);
            if (matcher.matches()) {
                sources.putIfAbsent(matcher.group(1), matcher.group(2));
            }
        }
        return sources;
    }

    private static long countMasters(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Entering MASTER STATE")).count();
    }
}
