package io.spare.engine.config;

import static io.spare.engine.config.TestingConfig.MINIMAL_INSTANCE;
import static io.spare.engine.config.TestingConfig.errors;
import static io.spare.engine.config.TestingConfig.instanceWith;
import static io.spare.engine.config.TestingConfig.load;
import static io.spare.engine.config.TestingConfig.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AuthType;
import io.spare.engine.testing.TestingConfigs;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** keepalived's configuration invariants, each reported at the key that breaks it. */
class SemanticRulesTest {

    /** VI_1 with the given body (indented by four), no defaults added. */
    private static String instance(String body) {
        return "instances:\n  VI_1:\n" + body.indent(4);
    }

    @Nested
    class Ranges {
        @Test
        void vridMustBe1To255() {
            assertThat(errors(instance("interface: eth0\nvirtual_router_id: 256\n")))
                    .containsExactly("spare.yaml:4:24: instances.VI_1.virtual_router_id: must be 1..255 (was 256)");
        }

        @Test
        void priorityMustBe1To255() {
            assertThat(errors(instanceWith("priority: 0\n")))
                    .containsExactly("spare.yaml:6:15: instances.VI_1.priority: must be 1..255 (was 0)");
            assertThat(errors(instanceWith("priority: 256\n")))
                    .containsExactly("spare.yaml:6:15: instances.VI_1.priority: must be 1..255 (was 256)");
        }

        @Test
        void priority255WithStateBackupIsFine() throws ConfigException {
            assertThat(warnings(instanceWith("priority: 255\nstate: BACKUP\n"))).isEmpty();
        }

        @Test
        void versionMustBe2Or3() {
            assertThat(errors(instanceWith("version: 4\n")))
                    .containsExactly("spare.yaml:6:14: instances.VI_1.version: must be 2..3 (was 4)");
            assertThat(errors("global:\n  vrrp_version: 1\n" + MINIMAL_INSTANCE))
                    .containsExactly("spare.yaml:2:17: global.vrrp_version: must be 2..3 (was 1)");
        }

        @Test
        void weightMustBeWithin253() {
            assertThat(errors("checks:\n  c: {type: script, weight: 254}\n" + MINIMAL_INSTANCE))
                    .containsExactly("spare.yaml:2:29: checks.c.weight: must be -253..253 (was 254)");
            assertThat(errors("checks:\n  c: {type: script}\n" + instanceWith("track_script: [{name: c, weight: -254}]\n")))
                    .containsExactly("spare.yaml:8:38: instances.VI_1.track_script[0].weight: must be -253..253 (was -254)");
            assertThat(errors(instanceWith("track_interface: [{name: eth1, weight: 300}]\n")))
                    .containsExactly("spare.yaml:6:44: instances.VI_1.track_interface[0].weight: must be -253..253 (was 300)");
        }

        @Test
        void riseFallAtLeastOneAndIntervalPositive() {
            assertThat(errors("checks:\n  c:\n    type: script\n    rise: 0\n    fall: 0\n    interval: 0s\n    timeout: 0\n"
                    + MINIMAL_INSTANCE)).containsExactly(
                    "spare.yaml:4:11: checks.c.rise: must be 1..2147483647 (was 0)",
                    "spare.yaml:5:11: checks.c.fall: must be 1..2147483647 (was 0)",
                    "spare.yaml:6:15: checks.c.interval: must be more than 0s",
                    "spare.yaml:7:14: checks.c.timeout: must be more than 0s");
        }

        @Test
        void downTimerAdvertsIs1To100() {
            assertThat(errors(instanceWith("down_timer_adverts: 0\n")))
                    .containsExactly("spare.yaml:6:25: instances.VI_1.down_timer_adverts: must be 1..100 (was 0)");
        }

        @Test
        void preemptDelayAtMost1000s() {
            assertThat(errors(instanceWith("preempt_delay: 1001\n")))
                    .containsExactly("spare.yaml:6:20: instances.VI_1.preempt_delay: must be 0s..1000s (was 1001s)");
        }

        @Test
        void garpRepeatAtLeastOne() {
            assertThat(errors(instanceWith("garp_master_repeat: 0\n")))
                    .containsExactly("spare.yaml:6:25: instances.VI_1.garp_master_repeat: must be 1..255 (was 0)");
        }
    }

    @Nested
    class AdvertInterval {
        @Test
        void v2TakesWholeSeconds1To255() {
            assertThat(errors(instanceWith("advert_int: 1.5s\n"))).containsExactly(
                    "spare.yaml:6:17: instances.VI_1.advert_int: VRRPv2 advert_int must be whole seconds 1..255 (was 1.5s);"
                            + " use version: 3 for finer intervals");
            assertThat(errors(instanceWith("advert_int: 256\n"))).singleElement().asString().contains("(was 256s)");
            assertThat(errors(instanceWith("advert_int: 0\n"))).singleElement().asString().contains("(was 0s)");
        }

        @Test
        void v3Takes10msSteps() throws ConfigException {
            assertThat(load(instanceWith("version: 3\nadvert_int: 10ms\n")).config().instances().get("VI_1").advertInt())
                    .isEqualTo(Duration.ofMillis(10));
            assertThat(load(instanceWith("version: 3\nadvert_int: 40.95\n")).config().instances().get("VI_1").advertInt())
                    .isEqualTo(Duration.ofMillis(40_950));
            assertThat(errors(instanceWith("version: 3\nadvert_int: 15ms\n"))).containsExactly(
                    "spare.yaml:7:17: instances.VI_1.advert_int: VRRPv3 advert_int must be 0.01s..40.95s in steps of 10ms (was 15ms)");
            assertThat(errors(instanceWith("version: 3\nadvert_int: 41s\n"))).singleElement().asString().contains("(was 41s)");
            assertThat(errors(instanceWith("version: 3\nadvert_int: 5ms\n"))).singleElement().asString().contains("(was 5ms)");
        }

        @Test
        void globalVersionDecidesTheRule() throws ConfigException {
            assertThat(load("global: {vrrp_version: 3}\n" + instanceWith("advert_int: 250ms\n")).config().instances().get("VI_1").version())
                    .isEqualTo(3);
        }
    }

    @Nested
    class Addresses {
        @Test
        void ipv6NeedsVersion3() {
            assertThat(errors(instance("interface: eth0\nvirtual_router_id: 52\nversion: 2\nvirtual_ipaddress: [fd99::200/64]\n")))
                    .containsExactly("spare.yaml:5:14: instances.VI_1.version: IPv6 virtual addresses need version: 3 (VRRPv2 is IPv4 only)");
        }

        @Test
        void ipv6InstanceWithoutVersionIsVersion3AsKeepalived() throws ConfigException {
            InstanceConfig vi = load(instance("interface: eth0\nvirtual_router_id: 52\nvirtual_ipaddress: [fd99::200/64]\n"))
                    .config().instances().get("VI_1");
            assertThat(vi.version()).isEqualTo(3);
            assertThat(vi.family()).isEqualTo(io.spare.api.AddressFamily.IPV6);
        }

        @Test
        void mixingFamiliesIsAnError() {
            assertThat(errors(instance("interface: eth0\nvirtual_router_id: 52\nversion: 3\nvirtual_ipaddress:\n  - 10.99.0.1\n  - fd99::1\n")))
                    .containsExactly("spare.yaml:8:9: instances.VI_1.virtual_ipaddress[1]: cannot mix IPv4 and IPv6 in virtual_ipaddress"
                            + " (the first is IPv4); use another instance or virtual_ipaddress_excluded");
        }

        @Test
        void excludedAddressesMayBeOfTheOtherFamily() throws ConfigException {
            assertThat(load(instanceWith("virtual_ipaddress_excluded: [fd99::1/64]\n")).config().instances().get("VI_1")
                    .virtualIpaddressExcluded()).hasSize(1);
        }

        @Test
        void atMost255Addresses() {
            StringBuilder vips = new StringBuilder("interface: eth0\nvirtual_router_id: 52\nvirtual_ipaddress:\n");
            for (int i = 0; i < 256; i++) {
                vips.append("  - 10.99.").append(i / 200).append('.').append(i % 200 + 1).append('\n');
            }
            assertThat(errors(instance(vips.toString()))).containsExactly(
                    "spare.yaml:6:7: instances.VI_1.virtual_ipaddress: at most 255 addresses fit in an advert (was 256);"
                            + " put the rest in virtual_ipaddress_excluded");
        }

        @Test
        void duplicateAddressIsAWarningAndIsDropped() throws ConfigException {
            String yaml = instance("interface: eth0\nvirtual_router_id: 52\nvirtual_ipaddress: [10.99.0.1/24, 10.99.0.1/32]\n"
                    + "virtual_ipaddress_excluded: [10.99.0.1]\n");
            assertThat(warnings(yaml)).containsExactly(
                    "spare.yaml:5:39: warning: instances.VI_1.virtual_ipaddress[1]: duplicate address 10.99.0.1"
                            + " (also at instances.VI_1.virtual_ipaddress[0]); ignored",
                    "spare.yaml:6:34: warning: instances.VI_1.virtual_ipaddress_excluded[0]: duplicate address 10.99.0.1"
                            + " (also at instances.VI_1.virtual_ipaddress[0]); ignored");
            assertThat(load(yaml).config().instances().get("VI_1").allAddresses()).hasSize(1);
        }

        @Test
        void noAddressIsAWarning() throws ConfigException {
            assertThat(warnings(instance("interface: eth0\nvirtual_router_id: 52\n")))
                    .containsExactly("spare.yaml:2:3: warning: instances.VI_1: no virtual_ipaddress: this instance holds no address");
        }

        @Test
        void unicastPeersMustMatchTheFamily() {
            assertThat(errors(instanceWith("unicast_peer: [fd99::2]\n"))).containsExactly(
                    "spare.yaml:6:19: instances.VI_1.unicast_peer: IPv6 peers on an IPv4 instance (the family of virtual_ipaddress)");
            assertThat(errors(instanceWith("unicast_peer: [10.99.0.2, fd99::2]\n"))).contains(
                    "spare.yaml:6:19: instances.VI_1.unicast_peer: all unicast peers must be of one family (found IPv4 and IPv6)");
            assertThat(errors(instanceWith("unicast_src_ip: fd99::1\nmcast_src_ip: fd99::1\n"))).containsExactly(
                    "spare.yaml:6:21: instances.VI_1.unicast_src_ip: IPv6 address on an IPv4 instance (the family of virtual_ipaddress)",
                    "spare.yaml:7:19: instances.VI_1.mcast_src_ip: IPv6 address on an IPv4 instance (the family of virtual_ipaddress)");
        }

        @Test
        void aSinglePeerMayBeWrittenWithoutAList() throws ConfigException {
            assertThat(load(instanceWith("unicast_peer: 10.99.0.2\n")).config().instances().get("VI_1").unicastPeer()).hasSize(1);
        }

        @Test
        void hostNamesAreNotAddresses() {
            assertThat(errors(instanceWith("unicast_src_ip: localhost\n"))).containsExactly(
                    "spare.yaml:6:21: instances.VI_1.unicast_src_ip: expected an IPv4 or IPv6 address, found 'localhost'");
        }
    }

    @Nested
    class Authentication {
        @Test
        void passNeedsAPassword() {
            assertThat(errors(instanceWith("authentication: {auth_type: PASS}\n")))
                    .containsExactly("spare.yaml:6:5: instances.VI_1.authentication: missing required key `auth_pass`");
        }

        @Test
        void authTypeIsRequiredAndChecked() {
            assertThat(errors(instanceWith("authentication: {auth_pass: x}\n")))
                    .containsExactly("spare.yaml:6:5: instances.VI_1.authentication: missing required key `auth_type`");
            assertThat(errors(instanceWith("authentication: {auth_type: PAS, auth_pass: x}\n"))).containsExactly(
                    "spare.yaml:6:33: instances.VI_1.authentication.auth_type: expected one of NONE, PASS, AH (was 'PAS'); did you mean `PASS`?");
        }

        @Test
        void longPasswordIsTruncatedTo8WithAWarning() throws ConfigException {
            String yaml = instanceWith("authentication: {auth_type: pass, auth_pass: 123456789abc}\n");
            assertThat(warnings(yaml)).containsExactly("spare.yaml:6:50: warning: instances.VI_1.authentication.auth_pass:"
                    + " longer than 8 bytes; only the first 8 are used (as keepalived)");
            io.spare.api.Authentication auth = load(yaml).config().instances().get("VI_1").authentication();
            assertThat(auth.type()).isEqualTo(AuthType.PASS);
            assertThat(auth.password()).isEqualTo("12345678");
        }

        @Test
        void numericPasswordKeepsItsDigitsAsWritten() throws ConfigException {
            assertThat(load(instanceWith("authentication: {auth_type: PASS, auth_pass: 0123}\n")).config().instances().get("VI_1")
                    .authentication().password()).isEqualTo("0123");
        }

        @Test
        void version3HasNoAuthentication() {
            assertThat(errors(instanceWith("version: 3\nauthentication: {auth_type: PASS, auth_pass: x}\n"))).containsExactly(
                    "spare.yaml:7:33: instances.VI_1.authentication.auth_type: VRRPv3 has no authentication (RFC 5798); remove it or use version: 2");
        }

        @Test
        void noneWithAPasswordWarns() throws ConfigException {
            assertThat(warnings(instanceWith("authentication: {auth_type: NONE, auth_pass: x}\n")))
                    .containsExactly("spare.yaml:6:50: warning: instances.VI_1.authentication.auth_pass: auth_pass ignored with auth_type NONE");
        }
    }

    @Nested
    class Preemption {
        @Test
        void masterWithNopreemptWarnsAndPreempts() throws ConfigException {
            String yaml = instanceWith("state: MASTER\nnopreempt: true\n");
            assertThat(warnings(yaml)).containsExactly("spare.yaml:7:16: warning: instances.VI_1.nopreempt:"
                    + " nopreempt ignored with state MASTER (as keepalived); use state BACKUP");
            assertThat(load(yaml).config().instances().get("VI_1").nopreempt()).isFalse();
        }

        @Test
        void ownerWithNopreemptWarnsAndPreempts() throws ConfigException {
            String yaml = instanceWith("priority: 255\nnopreempt: true\n");
            assertThat(warnings(yaml)).containsExactly("spare.yaml:7:16: warning: instances.VI_1.nopreempt:"
                    + " nopreempt ignored with priority 255: the address owner always preempts");
            assertThat(load(yaml).config().instances().get("VI_1").nopreempt()).isFalse();
        }

        @Test
        void backupWithNopreemptKeepsIt() throws ConfigException {
            assertThat(load(instanceWith("nopreempt: true\n")).config().instances().get("VI_1").nopreempt()).isTrue();
        }

        @Test
        void preemptDelayIsClearedWithMasterOrNopreempt() throws ConfigException {
            String master = instanceWith("state: MASTER\npreempt_delay: 10s\n");
            assertThat(warnings(master)).containsExactly(
                    "spare.yaml:7:20: warning: instances.VI_1.preempt_delay: preempt_delay ignored with state MASTER (as keepalived)");
            assertThat(load(master).config().instances().get("VI_1").preemptDelay()).isZero();
            String nopreempt = instanceWith("nopreempt: true\npreempt_delay: 10s\n");
            assertThat(warnings(nopreempt)).containsExactly(
                    "spare.yaml:7:20: warning: instances.VI_1.preempt_delay: preempt_delay ignored with nopreempt (as keepalived)");
            assertThat(load(instanceWith("preempt_delay: 10s\n")).config().instances().get("VI_1").preemptDelay())
                    .isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void ownerWithWeightedTrackingWarns() throws ConfigException {
            assertThat(warnings("checks: {c: {type: script}}\n" + instanceWith("priority: 255\ntrack_script: [{name: c, weight: 10}]\n")))
                    .containsExactly("spare.yaml:7:15: warning: instances.VI_1.priority: priority 255 (address owner) never changes:"
                            + " tracked weights do not move it (as keepalived)");
        }
    }

    @Nested
    class References {
        @Test
        void trackedScriptsMustExist() {
            assertThat(errors(instanceWith("track_script: [chk_x, {name: chk_y}]\n"))).containsExactly(
                    "spare.yaml:6:20: instances.VI_1.track_script[0]: no check named `chk_x` in checks (there are none)",
                    "spare.yaml:6:34: instances.VI_1.track_script[1].name: no check named `chk_y` in checks (there are none)");
            assertThat(errors("checks: {alpha: {type: script}, beta: {type: file}}\n" + instanceWith("track_script: [gamma]\n")))
                    .containsExactly("spare.yaml:7:20: instances.VI_1.track_script[0]: no check named `gamma` in checks (known: alpha, beta)");
        }

        @Test
        void syncGroupMembersMustExist() {
            assertThat(errors(MINIMAL_INSTANCE + "sync_groups:\n  G1:\n    group: [VI_1, VI_3]\n")).containsExactly(
                    "spare.yaml:8:19: sync_groups.G1.group[1]: no instance named `VI_3` in instances; did you mean `VI_1`?");
        }

        @Test
        void anInstanceIsInOneSyncGroupOnly() {
            String yaml = MINIMAL_INSTANCE + """
                      VI_2:
                        interface: eth0
                        virtual_router_id: 52
                        virtual_ipaddress: [10.99.0.201]
                    sync_groups:
                      G1: {group: [VI_1, VI_2]}
                      G2: {group: [VI_2, VI_1]}
                    """;
            assertThat(errors(yaml)).containsExactly(
                    "spare.yaml:12:16: sync_groups.G2.group[0]: `VI_2` is already in sync group `G1`; an instance can be in one group only",
                    "spare.yaml:12:22: sync_groups.G2.group[1]: `VI_1` is already in sync group `G1`; an instance can be in one group only");
        }

        @Test
        void syncGroupNeedsMembers() {
            assertThat(errors(MINIMAL_INSTANCE + "sync_groups:\n  G1: {}\n  G2: {group: []}\n")).containsExactly(
                    "spare.yaml:7:3: sync_groups.G1: missing required key `group`",
                    "spare.yaml:8:15: sync_groups.G2.group: a sync group needs at least one instance");
        }

        @Test
        void syncGroupOfOneWarns() throws ConfigException {
            assertThat(warnings(MINIMAL_INSTANCE + "sync_groups:\n  G1: {group: [VI_1]}\n"))
                    .containsExactly("spare.yaml:7:15: warning: sync_groups.G1.group: a sync group of one instance does nothing");
        }

        @Test
        void notifierTargetsMustExist() {
            assertThat(errors(MINIMAL_INSTANCE + "notifiers:\n  hook: {type: webhook, instances: [VI_9]}\n")).containsExactly(
                    "spare.yaml:7:37: notifiers.hook.instances[0]: no instance or sync group named `VI_9`; did you mean `VI_1`?");
        }

        @Test
        void pluginTypeNamesAreChecked() {
            assertThat(errors("checks:\n  c: {type: My_Check}\n  d: {interval: 1s}\n" + MINIMAL_INSTANCE)).containsExactly(
                    "spare.yaml:2:13: checks.c.type: must be a plugin type name like `script` ([a-z][a-z0-9-]*) (was 'My_Check')",
                    "spare.yaml:3:3: checks.d: missing required key `type`");
        }
    }

    @Nested
    class DuplicateRouters {
        private String two(String second) {
            return MINIMAL_INSTANCE + "  VI_2:\n" + ("interface: eth0\nvirtual_router_id: 51\n" + second).indent(4);
        }

        @Test
        void sameVridOnOneInterfaceAndFamilyIsAnError() {
            assertThat(errors(two("virtual_ipaddress: [10.99.0.9]\n"))).containsExactly(
                    "spare.yaml:8:24: instances.VI_2.virtual_router_id: VRID 51 is already used by instance `VI_1` on eth0 (IPv4)");
        }

        @Test
        void sameVridOnAnotherFamilyOrInterfaceIsFine() throws ConfigException {
            assertThat(load(two("virtual_ipaddress: [fd99::9]\n")).config().instances()).hasSize(2);
            assertThat(load(MINIMAL_INSTANCE + "  VI_2:\n    interface: eth1\n    virtual_router_id: 51\n    virtual_ipaddress: [10.99.0.9]\n")
                    .config().instances()).hasSize(2);
        }

        @Test
        void unicastInstancesWithDisjointPeersMayShareAVrid() throws ConfigException {
            String yaml = MINIMAL_INSTANCE + "    unicast_peer: [10.99.0.2]\n  VI_2:\n"
                    + "interface: eth0\nvirtual_router_id: 51\nvirtual_ipaddress: [10.99.0.9]\nunicast_peer: [10.99.0.3]\n".indent(4);
            assertThat(load(yaml).config().instances()).hasSize(2);
            assertThat(errors(yaml.replace("10.99.0.3", "10.99.0.2"))).singleElement().asString()
                    .contains("VRID 51 is already used by instance `VI_1`");
        }
    }

    @Test
    void interfaceNamesFollowLinuxRules() {
        assertThat(errors(instance("interface: a-very-long-interface-name\nvirtual_router_id: 5\nvirtual_ipaddress: [10.99.0.1]\n")))
                .containsExactly("spare.yaml:3:16: instances.VI_1.interface: interface must be an interface name: 1..15 characters,"
                        + " no '/', ':' or spaces (was 'a-very-long-interface-name')");
    }

    @Test
    void useVmacTakesTrueOrAName() throws ConfigException {
        assertThat(load(instanceWith("use_vmac: false\n")).config().instances().get("VI_1").vmacName()).isEmpty();
        assertThat(load(instanceWith("use_vmac: vmac51\n")).config().instances().get("VI_1").vmacName()).contains("vmac51");
        assertThat(errors(instanceWith("use_vmac: 'bad name'\n"))).singleElement().asString()
                .startsWith("spare.yaml:6:15: instances.VI_1.use_vmac: expected true, false or an interface name;");
    }

    @Test
    void smtpAlertDefaultsToGlobalAndWarnsWithoutMailSettings() throws ConfigException {
        String yaml = "global: {smtp_alert: true}\n" + MINIMAL_INSTANCE;
        assertThat(load(yaml).config().instances().get("VI_1").smtpAlert()).isTrue();
        assertThat(warnings(yaml)).containsExactly(
                "spare.yaml:1:22: warning: global.smtp_alert: smtp_alert is on but no mail can be sent: set notification_email and smtp_server");
    }

    @Test
    void smtpServerIsHostAndOptionalPort() {
        assertThat(errors("global: {smtp_server: 'mail.example.com:99999'}\n" + MINIMAL_INSTANCE))
                .containsExactly("spare.yaml:1:23: global.smtp_server: port must be 1..65535 (was 99999)");
        assertThat(errors("global: {smtp_server: 'a b'}\n" + MINIMAL_INSTANCE))
                .containsExactly("spare.yaml:1:23: global.smtp_server: expected host[:port], found 'a b'");
    }

    @Test
    void smtpServerMayBeAnIpv6Literal() throws ConfigException {
        assertThat(load("global: {smtp_server: '[fd99::25]:2525'}\n" + MINIMAL_INSTANCE).config().global().smtpServer())
                .contains("[fd99::25]:2525");
    }

    @Test
    void metricsListenIsAnAddressLiteralAndAPort() throws ConfigException {
        assertThat(load("global: {metrics_listen: '127.0.0.1:9650'}\n" + MINIMAL_INSTANCE).config().global().metricsListen())
                .contains(new InetSocketAddress(TestingConfigs.ip("127.0.0.1"), 9650));
        assertThat(load("global: {metrics_listen: '[fd99::1]:9650'}\n" + MINIMAL_INSTANCE).config().global().metricsListen())
                .contains(new InetSocketAddress(TestingConfigs.ip("fd99::1"), 9650));
        assertThat(load(MINIMAL_INSTANCE).config().global().metricsListen()).isEmpty();
        assertThat(errors("global: {metrics_listen: '9650'}\n" + MINIMAL_INSTANCE)).containsExactly(
                "spare.yaml:1:26: global.metrics_listen: expected ADDRESS:PORT, e.g. 127.0.0.1:9650 or [::1]:9650, found '9650'");
        assertThat(errors("global: {metrics_listen: 'localhost:9650'}\n" + MINIMAL_INSTANCE)).containsExactly(
                "spare.yaml:1:26: global.metrics_listen: 'localhost' is not an IP address (write IPv6 as [ADDRESS]:PORT; no host names)");
        assertThat(errors("global: {metrics_listen: '[10.0.0.1]:9650'}\n" + MINIMAL_INSTANCE)).containsExactly(
                "spare.yaml:1:26: global.metrics_listen: '10.0.0.1' is not an IP address (write IPv6 as [ADDRESS]:PORT; no host names)");
        assertThat(errors("global: {metrics_listen: '127.0.0.1:70000'}\n" + MINIMAL_INSTANCE)).containsExactly(
                "spare.yaml:1:26: global.metrics_listen: port must be 1..65535 (was 70000)");
    }

    @Test
    void scriptUserIsUserAndOptionalGroup() throws ConfigException {
        assertThat(load("global: {script_user: 'spare nogroup'}\n" + MINIMAL_INSTANCE).config().global().scriptUser())
                .contains("spare nogroup");
        assertThat(errors("global: {script_user: 'a b c'}\n" + MINIMAL_INSTANCE))
                .containsExactly("spare.yaml:1:23: global.script_user: expected `user` or `user group`, found 'a b c'");
    }

    @Test
    void leadingZerosAreDecimalNotOctal() throws ConfigException {
        assertThat(load(instanceWith("priority: 0100\n")).config().instances().get("VI_1").priority()).isEqualTo(100);
    }
}
