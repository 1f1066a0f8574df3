package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/CONFIG.md stays true to the code: its key tables list exactly the keys bound, its example loads. */
class ConfigReferenceDocTest {
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");
    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        // surefire runs in the module directory; the docs sit next to it
        lines = Files.readAllLines(Path.of("../docs/CONFIG.md"));
    }

    /** The backticked keys in the first column of the table under {@code heading}. */
    private static Set<String> keysUnder(String heading) {
        int start = lines.indexOf(heading);
        assertThat(start).as("heading %s in CONFIG.md", heading).isNotNegative();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            Matcher row = KEY_ROW.matcher(lines.get(i));
            if (row.find()) {
                keys.add(row.group(1));
            }
        }
        return keys;
    }

    @Test
    void everySectionTableListsExactlyTheBoundKeys() {
        assertThat(keysUnder("## `global`")).containsExactlyInAnyOrderElementsOf(GlobalBinder.KEYS);
        assertThat(keysUnder("## `checks`")).containsExactlyInAnyOrderElementsOf(CheckBinder.SHARED_KEYS);
        assertThat(keysUnder("## `instances`")).containsExactlyInAnyOrderElementsOf(InstanceBinder.KEYS);
        assertThat(keysUnder("### `authentication`")).containsExactlyInAnyOrderElementsOf(AuthenticationBinder.KEYS);
        assertThat(keysUnder("### VIP entries (`virtual_ipaddress`, `virtual_ipaddress_excluded`)"))
                .containsExactlyInAnyOrderElementsOf(VirtualAddressParser.KEYS);
        assertThat(keysUnder("## `sync_groups`")).containsExactlyInAnyOrderElementsOf(SyncGroupBinder.KEYS);
        assertThat(keysUnder("## `notifiers`")).containsExactlyInAnyOrderElementsOf(NotifierBinder.SHARED_KEYS);
    }

    @Test
    void exitCodesMatchTheConstants() {
        assertThat(lines).contains(
                "| " + ConfigException.EXIT_OK + " | `EXIT_OK` | success |",
                "| " + ConfigException.EXIT_FAILURE + " | `EXIT_FAILURE` | failure at run time |",
                "| " + ConfigException.EXIT_CONFIG + " | `EXIT_CONFIG` | the configuration cannot be read or is invalid |",
                "| " + ConfigException.EXIT_USAGE + " | `EXIT_USAGE` | bad command line |");
    }

    @Test
    void theExampleLoads() throws ConfigException {
        List<String> yaml = new ArrayList<>();
        int start = lines.indexOf("## Example: keepalived's classic HAProxy pair");
        boolean inBlock = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("```yaml")) {
                inBlock = true;
            } else if (line.equals("```") && inBlock) {
                break;
            } else if (inBlock) {
                yaml.add(line);
            }
        }
        LoadedConfig loaded = TestingConfig.load(String.join("\n", yaml));
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.config().instances().get("VI_1").trackScript()).hasSize(1);
    }

    @Test
    void theErrorExamplesAreWhatTheLoaderPrints() {
        assertThat(lines).contains(
                "spare.yaml:14:15: instances.VI_1.priority: must be 1..255 (was 300)",
                "spare.yaml:3:3: global.vrrp_verison: unknown key `vrrp_verison`; did you mean `vrrp_version`?",
                "spare.yaml:7:16: warning: instances.VI_1.nopreempt: nopreempt ignored with state MASTER (as keepalived); use state BACKUP");
        assertThat(TestingConfig.problems(TestingConfig.resource("five-mistakes.yaml")))
                .contains("spare.yaml:14:15: instances.VI_1.priority: must be 1..255 (was 300)",
                        "spare.yaml:3:3: global.vrrp_verison: unknown key `vrrp_verison`; did you mean `vrrp_version`?");
    }
}
