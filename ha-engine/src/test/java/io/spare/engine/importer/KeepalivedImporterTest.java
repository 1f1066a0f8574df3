package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.engine.importer.ImportNote.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** src/test/resources/importer/full/keepalived.conf: every keyword the importer knows, and some it does not. */
class KeepalivedImporterTest {
    private static Path file;
    private static ImportResult result;
    private static JsonNode yaml;

    @BeforeAll
    static void importFull() throws Exception {
        file = Path.of(KeepalivedImporterTest.class.getResource("/importer/full/keepalived.conf").toURI());
        result = new KeepalivedImporter().importFile(file);
        yaml = ImporterFiles.yaml(result.yaml());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String note(int line) {
        return result.notes().stream().filter(n -> n.line() == line).map(ImportNote::message).findFirst()
                .orElseThrow(() -> new AssertionError("no note for line " + line + " in:\n"
                        + String.join("\n", result.notes().stream().map(ImportNote::toString).toList())));
    }

    @Test
    void sectionsInSchemaOrder() {
        assertThat(keys(yaml)).containsExactly("global", "checks", "instances", "sync_groups");
    }

    @Test
    void globalDefsEveryKey() {
        JsonNode global = yaml.get("global");
        assertThat(keys(global)).containsExactly("router_id", "notification_email", "notification_email_from", "smtp_server",
                "smtp_connect_timeout", "smtp_alert", "script_user", "enable_script_security", "vrrp_version",
                "vrrp_garp_master_delay", "vrrp_garp_master_repeat", "vrrp_garp_master_refresh",
                "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_repeat", "vrrp_startup_delay");
        assertThat(global.get("notification_email")).extracting(JsonNode::asText).containsExactly("ops@example.com", "oncall@example.com");
        assertThat(global.get("smtp_server").asText()).isEqualTo("10.0.0.25:2525");
        assertThat(global.get("smtp_connect_timeout").asText()).isEqualTo("10s");
        assertThat(global.get("smtp_alert").booleanValue()).isTrue();
        assertThat(global.get("script_user").asText()).isEqualTo("keepalived_script keepalived");
        assertThat(global.get("enable_script_security").booleanValue()).isTrue();
        assertThat(global.get("vrrp_version").intValue()).isEqualTo(3);
        assertThat(global.get("vrrp_garp_master_delay").asText()).isEqualTo("10s");
        assertThat(global.get("vrrp_garp_master_repeat").intValue()).isEqualTo(3);
        assertThat(global.get("vrrp_garp_master_refresh").asText()).isEqualTo("60s");
        assertThat(global.get("vrrp_garp_master_refresh_repeat").intValue()).isEqualTo(2);
        assertThat(global.get("vrrp_garp_lower_prio_repeat").intValue()).isEqualTo(4);
        assertThat(global.get("vrrp_startup_delay").asText()).isEqualTo("5.5s");
        assertThat(note(9)).isEqualTo("smtp_server 10.0.0.25 2525 written as host:port");
    }

    @Test
    void unsupportedKeywordsAreListedWithTheirLines() {
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(n -> n.line() + " " + n.message().replaceAll(" \\(.*", ""))
                .containsExactly(
                        "21 keyword 'vrrp_strict' not carried over",
                        "22 keyword 'enable_dbus' not carried over",
                        "23 keyword 'lvs_id' not carried over",
                        "36 keyword 'reverse' not carried over",
                        "46 keyword 'init_file' not carried over",
                        "53 keyword 'delay' not carried over",
                        "61 keyword 'authentication' not carried over",
                        "72 keyword 'min_ttl' not carried over",
                        "76 keyword 'reverse' not carried over",
                        "90 keyword 'notify_stop user root' not carried over",
                        "91 keyword 'virtual_routes' not carried over",
                        "94 keyword 'dont_track_primary' not carried over",
                        "102 keyword 'brd' not carried over",
                        "113 keyword 'global_tracking' not carried over",
                        "115 keyword 'virtual_server' not carried over",
                        "119 keyword 'static_ipaddress' not carried over");
        assertThat(result.notes(Kind.NOT_CARRIED).get(0).toString())
                .isEqualTo(file + ":21: keyword 'vrrp_strict' not carried over (Spare has no strict mode; it speaks VRRP"
                        + " as keepalived does by default)");
        assertThat(note(115)).contains("LVS");
        String withoutComments = result.yaml().replaceAll("(?m)^#.*\n", "");
        assertThat(withoutComments).doesNotContain("virtual_server", "static_ipaddress", "10.1.0.0", "vrrp_strict");
    }

    @Test
    void theInverseMaintenanceIdiomIsAFileCheckThatNeedsTheFile() {
        JsonNode check = yaml.get("checks").get("chk_maint");
        assertThat(keys(check)).containsExactly("type", "interval", "rise", "fall", "weight", "path", "exists");
        assertThat(check.get("type").asText()).isEqualTo("file");
        assertThat(check.get("path").asText()).isEqualTo("/etc/maint");
        assertThat(check.get("exists").asText()).isEqualTo("ok");
        assertThat(check.get("weight").intValue()).isEqualTo(-20);
        assertThat(check.get("rise").intValue()).isEqualTo(2);
        assertThat(check.get("fall").intValue()).isEqualTo(3);
        assertThat(note(26)).contains("file check on /etc/maint that fails while the file is missing");
    }

    @Test
    void shellCodeRunsWithShellTrueAndSaysSo() {
        JsonNode check = yaml.get("checks").get("chk_pipe");
        assertThat(keys(check)).containsExactly("type", "interval", "timeout", "weight", "init_fail", "script", "shell", "user");
        assertThat(check.get("script").asText()).isEqualTo("pidof haproxy | grep -q .");
        assertThat(check.get("shell").booleanValue()).isTrue();
        assertThat(check.get("interval").asText()).isEqualTo("500ms");
        assertThat(check.get("timeout").asText()).isEqualTo("3s");
        assertThat(check.get("init_fail").booleanValue()).isTrue();
        assertThat(check.get("user").asText()).isEqualTo("nobody");
        assertThat(check.get("weight").intValue()).isEqualTo(10);
        assertThat(note(33)).contains("shell syntax (a pipe)").contains("shell: true");
        assertThat(note(36)).contains("no reversed weights");
    }

    @Test
    void anUnquotedCommandKeepsItsWords() {
        JsonNode check = yaml.get("checks").get("chk_plain");
        assertThat(check.get("type").asText()).isEqualTo("script");
        assertThat(check.get("script").asText()).isEqualTo("/usr/bin/killall -0 haproxy");
        assertThat(check.has("shell")).isFalse();
        assertThat(note(41)).contains("command run without a shell");
    }

    @Test
    void trackFileReadsTheValueAndReverseNegatesTheWeight() {
        JsonNode check = yaml.get("checks").get("tf1");
        assertThat(keys(check)).containsExactly("type", "weight", "path", "mode");
        assertThat(check.get("type").asText()).isEqualTo("file");
        assertThat(check.get("weight").intValue()).isEqualTo(2);
        assertThat(check.get("path").asText()).isEqualTo("/var/run/prio");
        assertThat(check.get("mode").asText()).isEqualTo("value");
        assertThat(note(46)).isEqualTo("keyword 'init_file' not carried over (Spare's file check never writes the file;"
                + " create it with 5 before Spare starts (a missing file reads as 0))");
    }

    @Test
    void trackProcess() {
        JsonNode check = yaml.get("checks").get("haproxy");
        assertThat(keys(check)).containsExactly("type", "weight", "process", "parameters", "param_match", "quorum", "quorum_max");
        assertThat(check.get("process").asText()).isEqualTo("haproxy");
        assertThat(check.get("parameters").asText()).isEqualTo("-f /etc/haproxy/haproxy.cfg");
        assertThat(check.get("param_match").asText()).isEqualTo("initial");
        assertThat(check.get("quorum").intValue()).isEqualTo(1);
        assertThat(check.get("quorum_max").intValue()).isEqualTo(4);
        assertThat(note(53)).contains("fall/rise");
        assertThat(check.get("weight").intValue()).isZero();
    }

    @Test
    void ipv6InstanceWithUnicastPeers() {
        JsonNode instance = yaml.get("instances").get("VI_6");
        assertThat(keys(instance)).containsExactly("interface", "virtual_router_id", "priority", "advert_int",
                "virtual_ipaddress", "virtual_ipaddress_excluded", "track_script", "track_interface", "preempt_delay",
                "unicast_src_ip", "unicast_peer", "garp_master_delay", "use_vmac", "smtp_alert", "notify_stop", "notify");
        assertThat(instance.get("advert_int").asText()).isEqualTo("500ms");
        JsonNode vips = instance.get("virtual_ipaddress");
        assertThat(vips).hasSize(2);
        assertThat(vips.get(0).get("address").asText()).isEqualTo("fd99::10/64");
        assertThat(vips.get(0).get("dev").asText()).isEqualTo("eth1");
        assertThat(vips.get(1).asText()).isEqualTo("fd99::11/128");
        assertThat(instance.get("virtual_ipaddress_excluded")).extracting(JsonNode::asText).containsExactly("10.99.0.9/24");
        assertThat(note(66)).contains("moved to virtual_ipaddress_excluded");
        assertThat(instance.get("unicast_src_ip").asText()).isEqualTo("fd99::1");
        assertThat(instance.get("unicast_peer")).extracting(JsonNode::asText).containsExactly("fd99::2", "fd99::3");
        assertThat(note(68)).contains("native_ipv6 dropped");
        assertThat(result.notes()).filteredOn(n -> n.line() == 61).extracting(ImportNote::message).containsExactly(
                "auth_pass is longer than 8 bytes; keepalived uses only the first 8, so it is carried over as '12345678'",
                "keyword 'authentication' not carried over (VRRPv3 has no authentication; keepalived ignores it too)");
        assertThat(instance.has("authentication")).isFalse();
    }

    @Test
    void tracksWithWeightsAndUnknownReferences() {
        JsonNode instance = yaml.get("instances").get("VI_6");
        JsonNode tracks = instance.get("track_script");
        assertThat(tracks).hasSize(4);
        assertThat(tracks.get(0).asText()).isEqualTo("chk_maint");
        assertThat(tracks.get(1).get("name").asText()).isEqualTo("chk_pipe");
        assertThat(tracks.get(1).get("weight").intValue()).isEqualTo(5);
        assertThat(tracks.get(2).get("name").asText()).isEqualTo("tf1");
        assertThat(tracks.get(2).get("weight").intValue()).as("track_file's reverse is inherited: negated").isEqualTo(-3);
        assertThat(tracks.get(3).asText()).isEqualTo("haproxy");
        assertThat(result.notes(Kind.WARNING)).filteredOn(n -> n.line() == 77).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("track_script 'missing_one' is not defined"));
        JsonNode interfaces = instance.get("track_interface");
        assertThat(interfaces.get(0).asText()).isEqualTo("eth1");
        assertThat(interfaces.get(1).get("name").asText()).isEqualTo("eth2");
        assertThat(interfaces.get(1).get("weight").intValue()).isEqualTo(-10);
    }

    @Test
    void instanceHooksAndOptions() {
        JsonNode instance = yaml.get("instances").get("VI_6");
        assertThat(instance.get("preempt_delay").asText()).isEqualTo("30s");
        assertThat(instance.get("garp_master_delay").asText()).isEqualTo("2s");
        assertThat(instance.get("use_vmac").asText()).isEqualTo("vrrp60");
        assertThat(instance.get("smtp_alert").booleanValue()).isFalse();
        assertThat(instance.get("notify").asText()).isEqualTo("/usr/local/bin/notify-all");
        assertThat(instance.get("notify_stop").asText()).isEqualTo("/usr/local/bin/stop.sh");
        assertThat(note(90)).isEqualTo("keyword 'notify_stop user root' not carried over (Spare runs all notify hooks of"
                + " vrrp_instance VI_6 as one notify_user, and these hooks ask for different users; set notify_user by hand"
                + " (if the words were meant as arguments, quote the whole command))");
        assertThat(instance.has("notify_user")).isFalse();
    }

    @Test
    void masterWithoutPriorityIsTheAddressOwnerAndNopreemptIsCleared() {
        JsonNode instance = yaml.get("instances").get("VI_1");
        assertThat(instance.get("state").asText()).isEqualTo("MASTER");
        assertThat(instance.get("priority").intValue()).isEqualTo(255);
        assertThat(instance.has("nopreempt")).isFalse();
        assertThat(note(97)).contains("priority 255");
        assertThat(result.notes(Kind.WARNING)).filteredOn(n -> n.line() == 100).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("nopreempt is incompatible with priority 255"));
        JsonNode vip = instance.get("virtual_ipaddress").get(0);
        assertThat(vip.get("address").asText()).isEqualTo("192.168.1.10/24");
        assertThat(vip.get("dev").asText()).isEqualTo("eth0");
        assertThat(vip.get("label").asText()).isEqualTo("eth0:vip");
        assertThat(vip.get("scope").asText()).isEqualTo("link");
    }

    @Test
    void syncGroupKeepsKnownMembersAndHooks() {
        JsonNode group = yaml.get("sync_groups").get("G1");
        assertThat(keys(group)).containsExactly("group", "smtp_alert", "notify_master");
        assertThat(group.get("group")).extracting(JsonNode::asText).containsExactly("VI_1", "VI_6");
        assertThat(group.get("smtp_alert").booleanValue()).isTrue();
        assertThat(group.get("notify_master").asText()).isEqualTo("/etc/keepalived/g.sh master");
        assertThat(note(109)).contains("'VI_404' does not exist");
    }

    @Test
    void notesComeInFileOrder() {
        assertThat(result.notes()).extracting(ImportNote::line).isSorted();
        assertThat(result.yaml()).contains("# 16 keepalived line(s) not carried over, 12 conversion note(s) and warning(s):\n"
                + "#   " + file + ":9: smtp_server 10.0.0.25 2525 written as host:port\n");
    }
}
