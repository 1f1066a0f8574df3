package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees for a broken file: every problem, each with file, line, column and key path. */
class ConfigErrorReportTest {

    @Test
    void fiveMistakesGiveExactlyFiveLocatedErrors() {
        ConfigException e = catchConfigException("five-mistakes.yaml");

        assertThat(e.diagnostics()).extracting(ConfigDiagnostic::format).containsExactly(
                "five-mistakes.yaml:3:3: global.vrrp_verison: unknown key `vrrp_verison`; did you mean `vrrp_version`?",
                "five-mistakes.yaml:7:15: checks.chk_haproxy.interval: expected " + Durations.EXPECTED + ", found 'fast'",
                "five-mistakes.yaml:14:15: instances.VI_1.priority: must be 1..255 (was 300)",
                "five-mistakes.yaml:18:9: instances.VI_1.virtual_ipaddress[1]: expected an IPv4 or IPv6 address with an optional /prefix, found '10.99.0.300/24'",
                "five-mistakes.yaml:19:33: instances.VI_1.track_script[1]: no check named `chk_haproxi` in checks; did you mean `chk_haproxy`?");
        assertThat(e.exitCode()).isEqualTo(ConfigException.EXIT_CONFIG).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("5 configuration errors:\n").contains("five-mistakes.yaml:14:15:");
    }

    @Test
    void errorsCarryTheirParts() {
        ConfigDiagnostic priority = catchConfigException("five-mistakes.yaml").errors().get(2);

        assertThat(priority.file()).isEqualTo(Path.of("five-mistakes.yaml"));
        assertThat(priority.line()).isEqualTo(14);
        assertThat(priority.column()).isEqualTo(15);
        assertThat(priority.keyPath()).isEqualTo("instances.VI_1.priority");
        assertThat(priority.message()).isEqualTo("must be 1..255 (was 300)");
        assertThat(priority.severity()).isEqualTo(ConfigDiagnostic.Severity.ERROR);
    }

    @Test
    void theFileIsNamedAsTheUserGaveIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("etc/spare.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "instances:\n  VI_1:\n    interface: eth0\n    virtual_router_id: 0\n");

        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigDiagnostic::format)
                        .containsExactly(file + ":4:24: instances.VI_1.virtual_router_id: must be 1..255 (was 0)"));
    }

    @Test
    void aMissingFileIsAnErrorWithoutPosition(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigDiagnostic::format)
                        .containsExactly(file + ": no such file"));
    }

    @Test
    void aFileThatIsNotUtf8IsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigDiagnostic::format)
                        .containsExactly(file + ": not UTF-8 text"));
    }

    @Test
    void yamlSyntaxErrorIsLocatedAtTheProblem() {
        assertThat(TestingConfig.problems("""
                instances:
                  VI_1:
                    interface: eth0
                     virtual_router_id: 51
                """)).containsExactly(
                "spare.yaml:4:23: YAML syntax error: mapping values are not allowed here;"
                        + " check the indentation and that a space follows each colon");
    }

    @Test
    void yamlTabIndentationIsLocatedAndExplained() {
        assertThat(TestingConfig.problems("instances:\n\tVI_1: {}\n"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("spare.yaml:2:1: YAML syntax error: ")
                .endsWith("indent with spaces, not tabs");
    }

    @Test
    void unclosedFlowListIsLocated() {
        assertThat(TestingConfig.problems(TestingConfig.instanceWith("unicast_peer: [10.99.0.2,\n")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("spare.yaml:7:1: YAML syntax error: ");
    }

    @Test
    void missingSpaceAfterAColonPointsAtTheKey() {
        assertThat(TestingConfig.problems("instances:\n  VI_1:\n    interface: eth0\n    priority:100\n")).containsExactly(
                "spare.yaml:4:5: YAML syntax error: expected `key: value` here (a colon and a space after the key)");
    }

    @Test
    void unclosedQuotePointsAtTheQuote() {
        assertThat(TestingConfig.problems("instances:\n  VI_1:\n    notify_master: \"/bin/x\n"))
                .containsExactly("spare.yaml:3:20: YAML syntax error: this quote is never closed");
    }

    @Test
    void duplicateKeysAreErrors() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("priority: 100\npriority: 200\n")))
                .containsExactly("spare.yaml:7:5: instances.VI_1.priority: duplicate key (first at line 6)");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(TestingConfig.errors("""
                checks:
                  a: &shared {type: script, script: /bin/true}
                  b: *shared
                """ + TestingConfig.MINIMAL_INSTANCE))
                .containsExactly("spare.yaml:3:6: checks.b: YAML aliases (*shared) are not supported; write the value out");
    }

    @Test
    void twoDocumentsAreRefused() {
        assertThat(TestingConfig.errors(TestingConfig.MINIMAL_INSTANCE + "---\nglobal: {}\n"))
                .containsExactly("spare.yaml:7:1: more than one YAML document (---); put everything in one");
    }

    @Test
    void emptyFileHasNoInstances() {
        assertThat(TestingConfig.errors("# nothing here\n"))
                .containsExactly("spare.yaml:1:1: no instances: the file is empty; define at least one under `instances:`");
    }

    @Test
    void fileWithoutInstancesIsAnError() {
        assertThat(TestingConfig.errors("global:\n  router_id: a\n"))
                .containsExactly("spare.yaml:1:1: no instances: define at least one under `instances:` (keepalived's vrrp_instance)");
        assertThat(TestingConfig.errors("global:\n  router_id: a\ninstances: {}\n"))
                .containsExactly("spare.yaml:3:1: instances: no instances: define at least one under `instances:` (keepalived's vrrp_instance)");
    }

    @Test
    void aTopLevelListIsAnError() {
        assertThat(TestingConfig.errors("- a\n- b\n"))
                .containsExactly("spare.yaml:1:1: expected a mapping with the sections global, checks, instances, sync_groups, notifiers, found a list");
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("""
                virtual_routr_id: 51
                advert_interval: 2s
                prority: 100
                nopremept: true
                """))).containsExactly(
                "spare.yaml:6:5: instances.VI_1.virtual_routr_id: unknown key `virtual_routr_id`; did you mean `virtual_router_id`?",
                "spare.yaml:7:5: instances.VI_1.advert_interval: unknown key `advert_interval`; did you mean `advert_int`?",
                "spare.yaml:8:5: instances.VI_1.prority: unknown key `prority`; did you mean `priority`?",
                "spare.yaml:9:5: instances.VI_1.nopremept: unknown key `nopremept`; did you mean `nopreempt`?");
    }

    @Test
    void keepalivedBlockNamesPointToSpareSections() {
        assertThat(TestingConfig.errors(TestingConfig.MINIMAL_INSTANCE + "vrrp_script: {}\nglobal_defs: {}\n")).containsExactly(
                "spare.yaml:6:1: vrrp_script: unknown key `vrrp_script`; did you mean `checks`?",
                "spare.yaml:7:1: global_defs: unknown key `global_defs`; did you mean `global`?");
    }

    @Test
    void keepalivedFlatAuthKeysPointToTheNestedOnes() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("auth_type: PASS\n")))
                .containsExactly("spare.yaml:6:5: instances.VI_1.auth_type: unknown key `auth_type`; did you mean `authentication.auth_type`?");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownOnesInSmallSections() {
        assertThat(TestingConfig.errors(TestingConfig.MINIMAL_INSTANCE + "sync_groups:\n  G1:\n    group: [VI_1]\n    xyz: 1\n"))
                .containsExactly("spare.yaml:9:5: sync_groups.G1.xyz: unknown key `xyz`; expected one of group, smtp_alert");
    }

    @Test
    void wrongTypesNameTheExpectedTypeAndTheValueFound() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("""
                priority: high
                nopreempt: maybe
                preempt_delay: [1]
                state: MASTR
                unicast_peer: {a: 1}
                """))).containsExactly(
                "spare.yaml:6:15: instances.VI_1.priority: expected a whole number, found 'high'",
                "spare.yaml:7:16: instances.VI_1.nopreempt: expected true or false, found 'maybe'",
                "spare.yaml:8:20: instances.VI_1.preempt_delay: expected " + Durations.EXPECTED + ", found a list",
                "spare.yaml:9:12: instances.VI_1.state: expected one of MASTER, BACKUP (was 'MASTR'); did you mean `MASTER`?",
                "spare.yaml:10:19: instances.VI_1.unicast_peer: expected a list, found a mapping");
    }

    @Test
    void missingRequiredKeysPointAtTheirBlock() {
        assertThat(TestingConfig.errors("instances:\n  VI_1:\n    priority: 100\n")).containsExactly(
                "spare.yaml:2:3: instances.VI_1: missing required key `interface`",
                "spare.yaml:2:3: instances.VI_1: missing required key `virtual_router_id`");
    }

    @Test
    void aNullValueIsNotSilentlyTheDefault() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("priority:\n")))
                .containsExactly("spare.yaml:6:14: instances.VI_1.priority: expected a whole number, found nothing");
    }

    @Test
    void secretsAreNotEchoed() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("authentication: {auth_type: PASS, auth_pass: [hunter2]}\n")))
                .containsExactly("spare.yaml:6:50: instances.VI_1.authentication.auth_pass: expected a string, found a list");
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("authentication: {auth_type: PASS, auth_pass: \"\"}\n")))
                .containsExactly("spare.yaml:6:50: instances.VI_1.authentication.auth_pass: must not be empty");
    }

    @Test
    void warningsAreListedWithErrorsInFileOrder() {
        assertThat(TestingConfig.problems(TestingConfig.instanceWith("state: MASTER\nnopreempt: true\npriority: 0\n"))).containsExactly(
                "spare.yaml:7:16: warning: instances.VI_1.nopreempt: nopreempt ignored with state MASTER (as keepalived); use state BACKUP",
                "spare.yaml:8:15: instances.VI_1.priority: must be 1..255 (was 0)");
    }

    @Test
    void aBrokenEntryIsReportedOnceNotAtEveryReferenceToIt() {
        assertThat(TestingConfig.errors(TestingConfig.MINIMAL_INSTANCE + """
                  VI_2: oops
                sync_groups:
                  G1: {group: [VI_1, VI_2]}
                """)).containsExactly("spare.yaml:6:9: instances.VI_2: expected a mapping of keys, found 'oops'");
    }

    @Test
    void misspeltNotifyKeysAreCaughtThoughNotifyKeysArePassedOn() {
        assertThat(TestingConfig.errors(TestingConfig.instanceWith("notfy_master: /bin/true\nnotify_whatever: x\n")))
                .containsExactly("spare.yaml:6:5: instances.VI_1.notfy_master: unknown key `notfy_master`; did you mean `notify_master`?");
    }

    private static ConfigException catchConfigException(String resource) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> TestingConfig.loadResource(resource))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0];
    }
}
