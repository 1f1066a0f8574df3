package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mangled files never crash the loader: each gives a valid config or a {@link ConfigException} whose
 * every problem is located inside the file.
 */
class LoaderRobustnessTest {
    private static final String[] JUNK = {"", "~", "[]", "{}", "-1", "300", "x", "'  '", "1.5", "true", "[a, {b: c}]", "{name: 1}",
        "fd99::1", "10.99.0.1/40", ":", "- -", "\"", "&a", "*a", "!!binary AA", "0x10", ".inf"};

    @Test
    void mangledFilesGiveLocatedProblemsNeverAnException() {
        List<String> original = TestingConfig.resource("full.yaml").lines().toList();
        Random random = new Random(20261124L);
        int rejected = 0;
        for (int round = 0; round < 600; round++) {
            String yaml = mangle(original, random);
            try {
                TestingConfig.load(yaml);
            } catch (ConfigException e) {
                rejected++;
                int lines = (int) yaml.lines().count() + 1;
                assertThat(e.diagnostics()).as(yaml).allSatisfy(d -> {
                    assertThat(d.line()).isBetween(1, lines);
                    assertThat(d.column()).isPositive();
                    assertThat(d.message()).isNotBlank().doesNotContain("Spare bug");
                });
            } catch (RuntimeException e) {
                fail("loader crashed on:\n" + yaml, e);
            }
        }
        assertThat(rejected).as("most mangled files are invalid").isGreaterThan(300);
    }

    private static String mangle(List<String> original, Random random) {
        List<String> lines = new ArrayList<>(original);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int colon = line.indexOf(": ");
                    String junk = JUNK[random.nextInt(JUNK.length)];
                    lines.set(at, colon < 0 ? line + " " + junk : line.substring(0, colon + 2) + junk);
                }
                default -> lines.set(at, line.length() < 2 ? line : line.substring(1));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
