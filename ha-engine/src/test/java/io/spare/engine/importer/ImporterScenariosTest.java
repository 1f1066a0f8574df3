package io.spare.engine.importer;

import static io.spare.engine.importer.ImporterFiles.importText;
import static io.spare.engine.importer.ImporterFiles.write;
import static io.spare.engine.importer.ImporterFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.engine.importer.ImportNote.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One keepalived habit per test, imported end to end. */
class ImporterScenariosTest {
    @TempDir
    Path dir;

    private static final String INSTANCE_BODY = """
              interface eth0
              virtual_router_id 7
              virtual_ipaddress {
                10.99.0.100/24
              }
            """;

    @Test
    void anUnclosedBraceStopsTheImportWithItsLocation() {
        Path file = write(dir, "keepalived.conf", "vrrp_instance VI_1 {\n  interface eth0\n  track_script {\n    chk\n}\n");

        assertThatThrownBy(() -> new KeepalivedImporter().importFile(file))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ":1: '{' of 'vrrp_instance' is never closed: the configuration ends first");
    }

    @Test
    void includedFilesKeepTheirNamesInNotes() throws Exception {
        write(dir, "conf.d/10-checks.conf", "vrrp_script chk {\n  script /bin/true\n  bogus_option 1\n}\n");
        write(dir, "conf.d/20-vi.conf", "vrrp_instance VI_1 {\n" + INSTANCE_BODY + "  track_script {\n    chk\n  }\n}\n");
        Path main = write(dir, "keepalived.conf", "global_defs {\n  enable_script_security\n}\ninclude conf.d/*.conf\nvrrp_strict_typo\n");

        ImportResult result = new KeepalivedImporter().importFile(main);

        JsonNode out = yaml(result.yaml());
        assertThat(out.get("checks").get("chk").get("script").asText()).isEqualTo("/bin/true");
        assertThat(out.get("instances").get("VI_1").get("track_script").get(0).asText()).isEqualTo("chk");
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(ImportNote::toString).containsExactly(
                dir.resolve("conf.d/10-checks.conf") + ":3: keyword 'bogus_option' not carried over (not a vrrp_script keyword Spare knows)",
                main + ":5: keyword 'vrrp_strict_typo' not carried over (Spare has no strict mode; it speaks VRRP as keepalived does by default)");
    }

    @Test
    void quotedStringsKeepTheirSpacesAndSpecialCharacters() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance VI_1 {
                %s
                  notify_master "/usr/local/bin/hook  two  spaces #not-a-comment {brace}"
                  notify_backup /usr/local/bin/plain
                  authentication {
                    auth_type PASS
                    auth_pass "a b#c"
                  }
                }
                """.formatted(INSTANCE_BODY));

        JsonNode instance = yaml(result.yaml()).get("instances").get("VI_1");
        assertThat(instance.get("notify_master").asText()).isEqualTo("/usr/local/bin/hook  two  spaces #not-a-comment {brace}");
        assertThat(instance.get("notify_backup").asText()).isEqualTo("/usr/local/bin/plain");
        assertThat(instance.get("authentication").get("auth_pass").asText()).isEqualTo("a b#c");
    }

    @Test
    void namesSharedAcrossKeepalivedNameSpacesGetASuffix() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_script web {
                  script /bin/true
                }
                track_file web {
                  file /run/web.prio
                }
                vrrp_instance VI_1 {
                %s
                  track_script {
                    web
                  }
                  track_file {
                    web weight -5
                  }
                }
                """.formatted(INSTANCE_BODY));

        JsonNode out = yaml(result.yaml());
        assertThat(out.get("checks").get("web").get("type").asText()).isEqualTo("script");
        assertThat(out.get("checks").get("web_file").get("type").asText()).isEqualTo("file");
        assertThat(out.get("checks").get("web_file").get("weight").intValue()).as("track_file's default weight").isEqualTo(1);
        JsonNode tracks = out.get("instances").get("VI_1").get("track_script");
        assertThat(tracks.get(0).asText()).isEqualTo("web");
        assertThat(tracks.get(1).get("name").asText()).isEqualTo("web_file");
        assertThat(tracks.get(1).get("weight").intValue()).isEqualTo(-5);
        assertThat(result.notes(Kind.CONVERTED)).extracting(ImportNote::message)
                .contains("track_file web renamed to 'web_file': Spare has one name space for all checks");
    }

    @Test
    void nopreemptOnAMasterIsDroppedAsKeepalivedDoesButKeptOnABackup() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance A {
                  state MASTER
                  priority 150
                %s
                  nopreempt
                }
                vrrp_instance B {
                  state BACKUP
                  priority 100
                  interface eth0
                  virtual_router_id 8
                  nopreempt
                  preempt_delay 10
                }
                """.formatted(INSTANCE_BODY));

        JsonNode instances = yaml(result.yaml()).get("instances");
        assertThat(instances.get("A").has("nopreempt")).isFalse();
        assertThat(instances.get("B").get("nopreempt").booleanValue()).isTrue();
        assertThat(instances.get("B").has("preempt_delay")).isFalse();
        assertThat(result.notes(Kind.WARNING)).extracting(n -> n.line() + ": " + n.message().replaceAll(";.*", "")).containsExactly(
                "10: vrrp_instance A: nopreempt does not work with state MASTER",
                "12: vrrp_instance B has no virtual_ipaddress",
                "18: vrrp_instance B: preempt_delay is meaningless with nopreempt");
    }

    @Test
    void advertIntIsRoundedToWhatTheVersionCanSend() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance V2 {
                %s
                  advert_int 1.5
                }
                vrrp_instance V3 {
                  interface eth0
                  virtual_router_id 9
                  version 3
                  advert_int 0.333
                  virtual_ipaddress {
                    10.99.0.101
                  }
                }
                """.formatted(INSTANCE_BODY));

        JsonNode instances = yaml(result.yaml()).get("instances");
        assertThat(instances.get("V2").get("advert_int").asText()).isEqualTo("2s");
        assertThat(instances.get("V3").get("advert_int").asText()).isEqualTo("330ms");
        assertThat(result.notes(Kind.CONVERTED)).extracting(ImportNote::message).containsExactly(
                "vrrp_instance V2: advert_int 1.5 cannot be sent by VRRPv2; written as 2s (whole seconds; use version 3 for shorter intervals)",
                "vrrp_instance V3: advert_int 0.333 cannot be sent by VRRPv3; written as 330ms");
    }

    @Test
    void ipv6InstancesAreVrrpV3() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance DEFAULT {
                  interface eth0
                  virtual_router_id 10
                  virtual_ipaddress {
                    fd99::100/64 label eth0:v6
                  }
                }
                vrrp_instance FORCED_V2 {
                  interface eth0
                  virtual_router_id 11
                  version 2
                  virtual_ipaddress {
                    fe80::1/64
                  }
                }
                """);

        JsonNode instances = yaml(result.yaml()).get("instances");
        assertThat(instances.get("DEFAULT").get("version").intValue()).isEqualTo(3);
        assertThat(instances.get("DEFAULT").get("virtual_ipaddress").get(0).asText()).isEqualTo("fd99::100/64");
        assertThat(instances.get("FORCED_V2").get("version").intValue()).isEqualTo(3);
        assertThat(result.notes()).extracting(n -> n.line() + " " + n.kind()).containsExactly(
                "5 NOT_CARRIED", "5 CONVERTED", "11 WARNING");
        assertThat(result.notes().get(2).message()).contains("must use version 3 too");
    }

    @Test
    void unicastPeers() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance VI_1 {
                %s
                  unicast_src_ip 10.99.0.1
                  unicast_peer {
                    10.99.0.2
                    10.99.0.3
                    not-an-ip
                  }
                }
                """.formatted(INSTANCE_BODY));

        JsonNode instance = yaml(result.yaml()).get("instances").get("VI_1");
        assertThat(instance.get("unicast_src_ip").asText()).isEqualTo("10.99.0.1");
        assertThat(instance.get("unicast_peer")).extracting(JsonNode::asText).containsExactly("10.99.0.2", "10.99.0.3");
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(ImportNote::toString)
                .containsExactly(dir.resolve("keepalived.conf") + ":12: keyword 'not-an-ip' not carried over ('not-an-ip' is not an IP address)");
    }

    @Test
    void syncGroups() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_sync_group G1 {
                  group {
                    VI_1 VI_2
                  }
                  notify_backup "/etc/keepalived/g.sh backup"
                  notify_fault "/etc/keepalived/g.sh fault"
                  notify "/etc/keepalived/g-all.sh"
                  smtp_alert false
                  track_script {
                    chk
                  }
                }
                vrrp_sync_group G2 {
                  group {
                    VI_2
                  }
                }
                vrrp_instance VI_1 {
                %s
                }
                vrrp_instance VI_2 {
                  interface eth1
                  virtual_router_id 12
                }
                """.formatted(INSTANCE_BODY));

        JsonNode groups = yaml(result.yaml()).get("sync_groups");
        assertThat(groups.size()).isEqualTo(1);
        JsonNode group = groups.get("G1");
        assertThat(group.get("group")).extracting(JsonNode::asText).containsExactly("VI_1", "VI_2");
        assertThat(group.get("notify_backup").asText()).isEqualTo("/etc/keepalived/g.sh backup");
        assertThat(group.get("notify_fault").asText()).isEqualTo("/etc/keepalived/g.sh fault");
        assertThat(group.get("notify").asText()).isEqualTo("/etc/keepalived/g-all.sh");
        assertThat(group.get("smtp_alert").booleanValue()).isFalse();
        assertThat(result.notes()).extracting(n -> n.line() + " " + n.kind()).contains("9 NOT_CARRIED", "15 WARNING", "13 NOT_CARRIED");
        assertThat(result.notes()).filteredOn(n -> n.line() == 15).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("already in sync group G1"));
    }

    @Test
    void reverseOnAMaintenanceFileCheckInvertsItExactly() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_script maint {
                  script "[ -f /etc/down ] && exit 1 || exit 0"
                  weight 10 reverse
                }
                """ + "vrrp_instance VI_1 {\n" + INSTANCE_BODY + "  track_script {\n    maint\n    maint weight 4\n  }\n}\n");

        JsonNode out = yaml(result.yaml());
        JsonNode check = out.get("checks").get("maint");
        assertThat(check.get("exists").asText()).as("reverse inverts the result").isEqualTo("ok");
        assertThat(check.get("weight").intValue()).as("and negates the weight").isEqualTo(-10);
        JsonNode tracks = out.get("instances").get("VI_1").get("track_script");
        assertThat(tracks.get(1).get("weight").intValue()).as("inherited reverse").isEqualTo(-4);
        assertThat(result.notes(Kind.NOT_CARRIED)).isEmpty();
    }

    @Test
    void missingAndDuplicateDefinitions() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_script empty {
                  interval 2
                }
                vrrp_script twice {
                  script /bin/false
                }
                vrrp_script twice {
                  script /bin/true
                }
                vrrp_instance VI_1 {
                %s
                  track_script {
                    empty
                    twice
                  }
                }
                """.formatted(INSTANCE_BODY));

        JsonNode out = yaml(result.yaml());
        assertThat(out.get("checks").has("empty")).isFalse();
        assertThat(out.get("checks").get("twice").get("script").asText()).isEqualTo("/bin/true");
        assertThat(out.get("instances").get("VI_1").get("track_script")).extracting(JsonNode::asText).containsExactly("twice");
        assertThat(result.notes()).extracting(n -> n.line() + " " + n.kind()).contains(
                "1 NOT_CARRIED", "7 WARNING", "18 WARNING");
    }

    @Test
    void badValuesAreNotCarriedWithTheReason() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 300
                  priority high
                  state PRIMARY
                  virtual_ipaddress {
                    10.99.0.300/24
                    10.99.0.5/40
                    10.99.0.6 scope galaxy
                  }
                }
                """);

        JsonNode instance = yaml(result.yaml()).get("instances").get("VI_1");
        assertThat(instance.has("virtual_router_id")).isFalse();
        assertThat(instance.has("priority")).isFalse();
        assertThat(instance.get("virtual_ipaddress")).extracting(JsonNode::asText).containsExactly("10.99.0.6/32");
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(ImportNote::message).containsExactly(
                "keyword 'virtual_router_id' not carried over (must be 1..255 (was 300))",
                "keyword 'priority' not carried over ('high' is not a whole number)",
                "keyword 'state' not carried over (expected MASTER or BACKUP (was 'PRIMARY'))",
                "keyword '10.99.0.300/24' not carried over ('10.99.0.300' is not an IP address; keepalived ignores the line)",
                "keyword '10.99.0.5/40' not carried over (prefix /40 is too long for 10.99.0.5)",
                "keyword 'scope galaxy' not carried over (expected global, site, link, host or nowhere)");
        assertThat(result.notes(Kind.WARNING)).extracting(ImportNote::message)
                .anySatisfy(m -> assertThat(m).contains("no 'virtual_router_id'"));
    }

    @Test
    void notifyShellCodeIsFlagged() throws Exception {
        ImportResult result = importText(dir, "vrrp_instance VI_1 {\n" + INSTANCE_BODY
                + "  notify_master \"echo master > /tmp/state\"\n}\n");

        assertThat(yaml(result.yaml()).get("instances").get("VI_1").get("notify_master").asText()).isEqualTo("echo master > /tmp/state");
        assertThat(result.notes(Kind.WARNING)).filteredOn(n -> n.message().contains("shell code")).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(7);
            assertThat(n.message()).contains("without a shell");
        });
    }

    @Test
    void scriptSecurityWarningOnlyWhenKeepalivedRanScriptsUnchecked() throws Exception {
        String body = "vrrp_script chk {\n  script /bin/check\n}\n";
        ImportResult unchecked = importText(dir, body);
        ImportResult checked = importText(dir, "global_defs {\n  enable_script_security\n  script_user nobody\n}\n" + body);

        assertThat(unchecked.notes(Kind.WARNING)).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(2);
            assertThat(n.message()).contains("enable_script_security");
        });
        assertThat(checked.notes(Kind.WARNING)).isEmpty();
        assertThat(yaml(checked.yaml()).get("global").get("script_user").asText()).isEqualTo("nobody");
    }

    @Test
    void printsYamlToOutAndNotesToErr() throws Exception {
        ImportResult result = importText(dir, "vrrp_strict\nvrrp_instance VI_1 {\n" + INSTANCE_BODY + "}\n");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();

        result.printTo(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(result.yaml());
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(dir.resolve("keepalived.conf")
                + ":1: keyword 'vrrp_strict' not carried over (Spare has no strict mode; it speaks VRRP as keepalived does by default)\n");
    }

    @Test
    void aLabelTheKernelWouldRefuseIsLeftOut() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 7
                  virtual_ipaddress {
                    10.99.0.100/24 label eth0:web
                    10.99.0.101/24 dev eth1 label eth0:bad
                    10.99.0.102/24 label vip
                  }
                }
                """);

        JsonNode vips = yaml(result.yaml()).get("instances").get("VI_1").get("virtual_ipaddress");
        assertThat(vips.get(0).get("label").asText()).isEqualTo("eth0:web");
        assertThat(vips.get(1).has("label")).isFalse();
        assertThat(vips.get(2).has("label")).isFalse();
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(n -> n.line() + " " + n.message()).containsExactly(
                "6 keyword 'label eth0:bad' not carried over (an address label must start with the interface name 'eth1'"
                        + " (e.g. eth1:vip); the kernel refuses it)",
                "7 keyword 'label vip' not carried over (an address label must start with the interface name 'eth0'"
                        + " (e.g. eth0:vip); the kernel refuses it)");
    }

    @Test
    void aUserForAScriptIsKeptButAFileCheckRunsNothing() throws Exception {
        ImportResult result = importText(dir, """
                vrrp_script as_user {
                  script /usr/local/bin/check
                  user nobody nogroup
                }
                vrrp_script maint {
                  script "[[ -f /etc/down ]] && exit 1 || exit 0"
                  user nobody
                }
                """);

        JsonNode checks = yaml(result.yaml()).get("checks");
        assertThat(checks.get("as_user").get("user").asText()).isEqualTo("nobody nogroup");
        assertThat(checks.get("maint").has("user")).isFalse();
        assertThat(result.notes(Kind.NOT_CARRIED)).extracting(n -> n.line() + " " + n.message())
                .containsExactly("7 keyword 'user' not carried over (a file check runs no program)");
    }

    @Test
    void notifyUsersThatAgreeBecomeNotifyUser() throws Exception {
        ImportResult result = importText(dir, "vrrp_instance VI_1 {\n" + INSTANCE_BODY + """
                  notify_master "/etc/keepalived/notify.sh master" keepalived_script keepalived
                  notify_backup "/etc/keepalived/notify.sh backup" keepalived_script keepalived
                }
                vrrp_sync_group G {
                  group {
                    VI_1
                  }
                  notify /etc/keepalived/group.sh master
                }
                """);

        JsonNode out = yaml(result.yaml());
        JsonNode instance = out.get("instances").get("VI_1");
        assertThat(instance.get("notify_master").asText()).isEqualTo("/etc/keepalived/notify.sh master");
        assertThat(instance.get("notify_user").asText()).isEqualTo("keepalived_script keepalived");
        assertThat(out.get("sync_groups").get("G").get("notify").asText()).isEqualTo("/etc/keepalived/group.sh");
        assertThat(out.get("sync_groups").get("G").get("notify_user").asText()).isEqualTo("master");
        assertThat(result.notes(Kind.CONVERTED)).extracting(n -> n.line() + " " + n.message()).containsExactly(
                "7 vrrp_instance VI_1: keepalived runs the notify scripts as 'keepalived_script keepalived' (the words"
                        + " after the script); carried over as notify_user",
                "14 vrrp_sync_group G: keepalived runs the notify scripts as 'master' (the words after the script);"
                        + " carried over as notify_user - if they were meant as arguments, quote the whole command");
    }

    @Test
    void initFileZeroIsWhatSpareReadsFromAMissingFile() throws Exception {
        ImportResult result = importText(dir, "track_file f {\n  file /run/f\n  init_file\n}\n");

        JsonNode check = yaml(result.yaml()).get("checks").get("f");
        assertThat(check.get("mode").asText()).isEqualTo("value");
        assertThat(check.get("weight").intValue()).isEqualTo(1);
        assertThat(result.notes(Kind.NOT_CARRIED)).isEmpty();
        assertThat(result.notes(Kind.CONVERTED)).extracting(ImportNote::line).containsExactly(1, 3);
    }

    @Test
    void bashOnlySyntaxIsPointedOut() throws Exception {
        ImportResult result = importText(dir, "vrrp_script c {\n  script \"[[ $(pidof haproxy) ]]\"\n}\n");

        JsonNode check = yaml(result.yaml()).get("checks").get("c");
        assertThat(check.get("shell").booleanValue()).isTrue();
        assertThat(check.get("script").asText()).isEqualTo("[[ $(pidof haproxy) ]]");
        assertThat(result.notes(Kind.CONVERTED)).singleElement().satisfies(n -> assertThat(n.message())
                .contains("shell syntax ([[ ]], $( ))").endsWith("('[[ ]]' is bash: where /bin/sh is dash, write '[ ]' or run 'bash -c')"));
    }
}
