package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the file holds, the importer answers with a result or a located ImportException, never a crash. */
class ImporterRobustnessTest {
    private static final List<String> FRAGMENTS = List.of(
            "global_defs", "vrrp_instance", "vrrp_script", "vrrp_sync_group", "track_file", "track_process", "VI_1",
            "chk", "{", "}", "{", "}", "\n", "\n", "\n", "\"", "\"quoted words\"", "#", "!", "\\", "\\\n", "script",
            "interval", "weight", "-300", "0", "255", "1.5", "reverse", "state", "MASTER", "BACKUP", "interface", "eth0",
            "virtual_router_id", "priority", "advert_int", "authentication", "auth_type", "PASS", "auth_pass",
            "virtual_ipaddress", "10.0.0.1/24", "fd99::1/200", "::ffff:1.2.3.4", "dev", "label", "scope", "brd",
            "track_script", "track_interface", "unicast_peer", "use_vmac", "notify_master", "notify", "group",
            "include", "$X=1", "$X", "${X}", "@host", "~SEQ(x,1,3)", "nopreempt", "preempt_delay", "smtp_server",
            "notification_email", "version", "3", "2", "[[ -f /x ]] && exit 1 || exit 0", "init_file", "process",
            "quorum", "file", "\t", " ", "é", "\u0000");

    @TempDir
    Path dir;

    @Test
    void randomConfigurationsNeverCrashTheImporter() throws Exception {
        Random random = new Random(20261124L);
        KeepalivedImporter importer = new KeepalivedImporter();
        Path file = dir.resolve("keepalived.conf");
        for (int run = 0; run < 3000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size()))).append(random.nextInt(4) == 0 ? "" : " ");
            }
            Files.writeString(file, text);
            try {
                ImportResult result = importer.importFile(file);
                ImporterFiles.yaml(result.yaml());
            } catch (ImportException e) {
                assertThat(e.location().file()).isNotNull();
                assertThat(e.location().line()).isPositive();
            } catch (RuntimeException | StackOverflowError e) {
                fail("run " + run + " crashed on:\n" + text, e);
            }
        }
    }

    @Test
    void absurdNestingIsAnErrorNotAStackOverflow() throws Exception {
        Path file = dir.resolve("deep.conf");
        Files.writeString(file, "a {\n".repeat(100_000));

        assertThatThrownBy(() -> new KeepalivedImporter().importFile(file))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ":65: blocks nested deeper than 64 levels");
    }

    @Test
    void zeroIntervalsBecomeOneSecondAsInKeepalived() throws Exception {
        ImportResult result = ImporterFiles.importText(dir, "vrrp_script c {\n  script /bin/true\n  interval 0\n  timeout 0\n}\n");

        var check = ImporterFiles.yaml(result.yaml()).get("checks").get("c");
        assertThat(check.get("interval").asText()).isEqualTo("1s");
        assertThat(check.get("timeout").asText()).isEqualTo("1s");
        assertThat(result.notes(ImportNote.Kind.CONVERTED)).extracting(ImportNote::line).contains(3, 4);
    }
}
