package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.engine.importer.ImportNote.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tutorial's keepalived.conf (shared/seed), Chinese inline comments and all. */
class SeedImportTest {
    private static Path seed;
    private static ImportResult result;
    private static JsonNode yaml;

    @BeforeAll
    static void importSeed() throws Exception {
        seed = ImporterFiles.seedConfig();
        result = new KeepalivedImporter().importFile(seed);
        yaml = ImporterFiles.yaml(result.yaml());
    }

    @Test
    void hasGlobalChecksAndInstancesOnly() {
        List<String> sections = new ArrayList<>();
        yaml.fieldNames().forEachRemaining(sections::add);
        assertThat(sections).containsExactly("global", "checks", "instances");
        assertThat(result.yaml()).startsWith("# spare.yaml imported from " + seed.toAbsolutePath().normalize()
                + " by spare import-keepalived.\n# 0 keepalived line(s) not carried over, 3 conversion note(s) and warning(s):\n#   "
                + seed + ":14: vrrp_script chk_state_down: ");
    }

    @Test
    void globalMailSettings() {
        JsonNode global = yaml.get("global");
        assertThat(global.get("router_id").asText()).isEqualTo("LVS_DEVEL");
        assertThat(global.get("notification_email")).hasSize(1);
        assertThat(global.get("notification_email").get(0).asText()).isEqualTo("root@localhost");
        assertThat(global.get("notification_email_from").asText()).isEqualTo("soul@104.com");
        assertThat(global.get("smtp_server").asText()).isEqualTo("127.0.0.1");
        assertThat(global.get("smtp_connect_timeout").asText()).isEqualTo("30s");
        assertThat(global.size()).isEqualTo(5);
    }

    @Test
    void theMaintenanceScriptBecomesAFileCheck() {
        JsonNode check = yaml.get("checks").get("chk_state_down");
        assertThat(check.get("type").asText()).isEqualTo("file");
        assertThat(check.get("path").asText()).isEqualTo("/etc/keepalived/down");
        assertThat(check.get("exists").asText()).isEqualTo("fail");
        assertThat(check.get("weight").isInt()).isTrue();
        assertThat(check.get("weight").asInt()).isEqualTo(3);
        assertThat(check.get("interval").asText()).isEqualTo("2s");
        assertThat(check.has("script")).isFalse();
    }

    @Test
    void chkHaproxyStaysAScriptWithoutShell() {
        JsonNode check = yaml.get("checks").get("chk_haproxy");
        assertThat(check.get("type").asText()).isEqualTo("script");
        assertThat(check.get("script").asText()).isEqualTo("/etc/keepalived/chk_haproxy.sh");
        assertThat(check.has("shell")).isFalse();
        assertThat(check.get("interval").asText()).isEqualTo("2s");
        assertThat(check.get("weight").asInt()).isEqualTo(2);
    }

    @Test
    void theInstance() {
        JsonNode instance = yaml.get("instances").get("VI_1");
        assertThat(instance.get("state").asText()).isEqualTo("MASTER");
        assertThat(instance.get("interface").asText()).isEqualTo("eth0");
        assertThat(instance.get("virtual_router_id").asInt()).isEqualTo(111);
        assertThat(instance.get("priority").asInt()).isEqualTo(100);
        assertThat(instance.get("advert_int").asText()).isEqualTo("1s");
        JsonNode auth = instance.get("authentication");
        assertThat(auth.get("auth_type").asText()).isEqualTo("PASS");
        assertThat(auth.get("auth_pass").isTextual()).as("auth_pass stays a string").isTrue();
        assertThat(auth.get("auth_pass").asText()).isEqualTo("1111");
        assertThat(instance.get("virtual_ipaddress")).hasSize(1);
        assertThat(instance.get("virtual_ipaddress").get(0).asText()).isEqualTo("192.168.80.114/32");
        assertThat(instance.get("track_script")).extracting(JsonNode::asText).containsExactly("chk_haproxy", "chk_state_down");
        assertThat(instance.get("notify_master").asText()).isEqualTo("/etc/keepalived/notify.sh master 192.168.80.114");
        assertThat(instance.get("notify_backup").asText()).isEqualTo("/etc/keepalived/notify.sh backup 192.168.80.114");
        assertThat(instance.get("notify_fault").asText()).isEqualTo("/etc/keepalived/notify.sh fault 192.168.80.114");
        assertThat(instance.has("nopreempt")).isFalse();
    }

    @Test
    void notesExplainTheScriptsAndNothingIsLost() {
        assertThat(result.notes(Kind.NOT_CARRIED)).isEmpty();
        assertThat(result.notes(Kind.CONVERTED)).extracting(ImportNote::line).containsExactly(14, 20);
        assertThat(result.notes(Kind.CONVERTED).get(0).toString())
                .startsWith(seed + ":14: vrrp_script chk_state_down: script '[[ -f /etc/keepalived/down ]] && exit 1 || exit 0' is shell code")
                .contains("file check on /etc/keepalived/down that fails while the file exists");
        assertThat(result.notes(Kind.CONVERTED).get(1).message()).contains("chk_haproxy").contains("without a shell");
        assertThat(result.notes(Kind.WARNING)).singleElement()
                .satisfies(n -> assertThat(n.line()).isEqualTo(20))
                .satisfies(n -> assertThat(n.message()).contains("enable_script_security"));
    }
}
