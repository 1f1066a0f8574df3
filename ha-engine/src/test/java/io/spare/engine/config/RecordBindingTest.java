package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.spare.api.AddressScope;
import io.spare.api.AuthType;
import io.spare.api.Authentication;
import io.spare.api.VirtualAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each config record: what an absent key binds to (keepalived's defaults), and every key mapped. */
class RecordBindingTest {
    private static SpareConfig minimal;
    private static SpareConfig full;

    @BeforeAll
    static void load() throws ConfigException {
        minimal = TestingConfig.load(TestingConfig.MINIMAL_INSTANCE + """
                checks:
                  chk: {type: script}
                sync_groups:
                  G1: {group: [VI_1]}
                notifiers:
                  hook: {type: webhook}
                """).config();
        full = TestingConfig.loadResource("full.yaml").config();
    }

    @Nested
    class SpareConfigRecord {
        @Test
        void defaults() throws ConfigException {
            SpareConfig config = TestingConfig.load(TestingConfig.MINIMAL_INSTANCE).config();
            assertThat(config.checks()).isEmpty();
            assertThat(config.syncGroups()).isEmpty();
            assertThat(config.notifiers()).isEmpty();
            assertThat(config.instances()).containsOnlyKeys("VI_1");
        }

        @Test
        void fullMappingKeepsTheFileOrder() {
            assertThat(full.checks()).containsOnlyKeys("chk_haproxy", "chk_haproxy2");
            assertThat(full.checks().keySet()).containsExactly("chk_haproxy", "chk_haproxy2");
            assertThat(full.instances().keySet()).containsExactly("VI_1", "VI_2");
            assertThat(full.syncGroups().keySet()).containsExactly("G1");
            assertThat(full.notifiers().keySet()).containsExactly("hook1");
        }
    }

    @Nested
    class GlobalConfigRecord {
        @Test
        void defaults() {
            GlobalConfig global = minimal.global();
            assertThat(global.routerId()).isEmpty();
            assertThat(global.notificationEmail()).isEmpty();
            assertThat(global.notificationEmailFrom()).isEmpty();
            assertThat(global.smtpServer()).isEmpty();
            assertThat(global.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(global.smtpAlert()).isFalse();
            assertThat(global.mail().path()).isEqualTo("global");
            assertThat(global.mail().isEmpty()).isTrue();
            assertThat(global.scriptUser()).isEmpty();
            assertThat(global.enableScriptSecurity()).isTrue();
            assertThat(global.vrrpVersion()).isEqualTo(2);
            assertThat(global.garp()).isEqualTo(GarpConfig.DEFAULTS);
            assertThat(global.vrrpStartupDelay()).isEqualTo(Duration.ZERO);
            assertThat(global.mailConfigured()).isFalse();
        }

        @Test
        void fullMapping() {
            GlobalConfig global = full.global();
            assertThat(global.routerId()).contains("LVS_DEVEL");
            assertThat(global.notificationEmail()).containsExactly("root@localhost", "ops@example.com");
            assertThat(global.notificationEmailFrom()).contains("soul@example.com");
            assertThat(global.smtpServer()).contains("127.0.0.1:2525");
            assertThat(global.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(global.smtpAlert()).isTrue();
            assertThat(global.scriptUser()).contains("keepalived_script spare");
            assertThat(global.enableScriptSecurity()).isFalse();
            assertThat(global.vrrpVersion()).isEqualTo(3);
            assertThat(global.vrrpStartupDelay()).isEqualTo(Duration.ofMillis(1500));
            assertThat(global.mailConfigured()).isTrue();
        }

        @Test
        void mailBlockHoldsEverySmtpAndNotificationKeyAndNothingElse() {
            ConfigBlock mail = full.global().mail();
            assertThat(mail.tree().fieldNames()).toIterable().containsExactly(
                    "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout", "smtp_alert",
                    "smtp_starttls");
            assertThat(mail.tree().get("smtp_starttls").booleanValue()).isTrue();
        }

        @Test
        void aSingleRecipientMayBeWrittenWithoutAList() throws ConfigException {
            GlobalConfig global = TestingConfig.load("global:\n  notification_email: root@localhost\n"
                    + TestingConfig.MINIMAL_INSTANCE).config().global();
            assertThat(global.notificationEmail()).containsExactly("root@localhost");
        }
    }

    @Nested
    class GarpConfigRecord {
        @Test
        void defaultsAreKeepalivedsAndInstancesInheritThem() {
            assertThat(GarpConfig.DEFAULTS).isEqualTo(new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1, 5));
            assertThat(minimal.instances().get("VI_1").garp()).isEqualTo(GarpConfig.DEFAULTS);
        }

        @Test
        void fullMappingGlobal() {
            assertThat(full.global().garp()).isEqualTo(new GarpConfig(Duration.ofSeconds(2), 3, Duration.ofSeconds(60), 2, 4));
        }

        @Test
        void fullMappingInstanceOverridesGlobal() {
            assertThat(full.instances().get("VI_1").garp())
                    .isEqualTo(new GarpConfig(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 3, 6));
        }

        @Test
        void instanceInheritsGlobalGarpKeys() {
            assertThat(full.instances().get("VI_2").garp()).isEqualTo(full.global().garp());
        }

        @Test
        void lowerPrioRepeatFollowsMasterRepeatUnlessSet() throws ConfigException {
            SpareConfig config = TestingConfig.load("global:\n  vrrp_garp_master_repeat: 3\n"
                    + TestingConfig.instanceWith("garp_master_repeat: 7\n")).config();
            assertThat(config.global().garp().lowerPrioRepeat()).isEqualTo(3);
            assertThat(config.instances().get("VI_1").garp().lowerPrioRepeat()).isEqualTo(7);
        }
    }

    @Nested
    class CheckConfigRecord {
        @Test
        void defaults() {
            CheckConfig check = minimal.checks().get("chk");
            assertThat(check.name()).isEqualTo("chk");
            assertThat(check.type()).isEqualTo("script");
            assertThat(check.interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(check.timeout()).isEqualTo(check.interval());
            assertThat(check.rise()).isEqualTo(1);
            assertThat(check.fall()).isEqualTo(1);
            assertThat(check.weight()).isZero();
            assertThat(check.initFail()).isFalse();
            assertThat(check.options().path()).isEqualTo("checks.chk");
            assertThat(check.options().isEmpty()).isTrue();
        }

        @Test
        void fullMapping() {
            CheckConfig check = full.checks().get("chk_haproxy");
            assertThat(check.type()).isEqualTo("script");
            assertThat(check.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(check.timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(check.rise()).isEqualTo(2);
            assertThat(check.fall()).isEqualTo(3);
            assertThat(check.weight()).isEqualTo(-20);
            assertThat(check.initFail()).isTrue();
            assertThat(check.options().tree().fieldNames()).toIterable().containsExactly("script", "user");
            assertThat(check.options().tree().get("user").asText()).isEqualTo("nobody");
        }

        @Test
        void timeoutDefaultsToTheInterval() throws ConfigException {
            CheckConfig check = TestingConfig.load("checks:\n  c: {type: script, interval: 5s}\n" + TestingConfig.MINIMAL_INSTANCE)
                    .config().checks().get("c");
            assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Nested
    class InstanceConfigRecord {
        @Test
        void defaults() {
            InstanceConfig vi = minimal.instances().get("VI_1");
            assertThat(vi.name()).isEqualTo("VI_1");
            assertThat(vi.state()).isEqualTo(InitialState.BACKUP);
            assertThat(vi.interfaceName()).isEqualTo("eth0");
            assertThat(vi.virtualRouterId()).isEqualTo(51);
            assertThat(vi.priority()).isEqualTo(100);
            assertThat(vi.advertInt()).isEqualTo(Duration.ofSeconds(1));
            assertThat(vi.version()).isEqualTo(2);
            assertThat(vi.authentication()).isEqualTo(Authentication.NONE);
            assertThat(vi.virtualIpaddress()).containsExactly(VirtualAddress.of(InetAddresses.forString("10.99.0.200"), 24));
            assertThat(vi.virtualIpaddressExcluded()).isEmpty();
            assertThat(vi.trackScript()).isEmpty();
            assertThat(vi.trackInterface()).isEmpty();
            assertThat(vi.nopreempt()).isFalse();
            assertThat(vi.preemptDelay()).isEqualTo(Duration.ZERO);
            assertThat(vi.preemptFast()).isFalse();
            assertThat(vi.unicastSrcIp()).isEmpty();
            assertThat(vi.unicastPeer()).isEmpty();
            assertThat(vi.unicast()).isFalse();
            assertThat(vi.mcastSrcIp()).isEmpty();
            assertThat(vi.useVmac()).isFalse();
            assertThat(vi.vmacName()).isEmpty();
            assertThat(vi.notifyHooks().path()).isEqualTo("instances.VI_1");
            assertThat(vi.notifyHooks().isEmpty()).isTrue();
            assertThat(vi.smtpAlert()).isFalse();
            assertThat(vi.downTimerAdverts()).isEqualTo(3);
        }

        @Test
        void fullMapping() {
            InstanceConfig vi = full.instances().get("VI_1");
            assertThat(vi.state()).isEqualTo(InitialState.MASTER);
            assertThat(vi.interfaceName()).isEqualTo("eth0");
            assertThat(vi.virtualRouterId()).isEqualTo(51);
            assertThat(vi.priority()).isEqualTo(150);
            assertThat(vi.advertInt()).isEqualTo(Duration.ofMillis(500));
            assertThat(vi.version()).isEqualTo(3);
            assertThat(vi.authentication()).isEqualTo(Authentication.NONE);
            assertThat(vi.virtualIpaddress()).containsExactly(
                    VirtualAddress.of(InetAddresses.forString("10.99.0.200"), 24),
                    new VirtualAddress(InetAddresses.forString("10.99.1.1"), 16, Optional.of("eth1"), Optional.of("eth1:vip"),
                            AddressScope.LINK));
            assertThat(vi.virtualIpaddressExcluded()).containsExactly(VirtualAddress.of(InetAddresses.forString("10.99.2.1"), 24));
            assertThat(vi.trackScript()).containsExactly(
                    new TrackedCheck("chk_haproxy", OptionalInt.empty()), new TrackedCheck("chk_haproxy2", OptionalInt.of(-30)));
            assertThat(vi.trackInterface()).containsExactly(new TrackedInterface("eth1", 0), new TrackedInterface("eth2", -10));
            assertThat(vi.nopreempt()).isFalse();
            assertThat(vi.preemptDelay()).isEqualTo(Duration.ZERO);
            assertThat(vi.preemptFast()).isTrue();
            assertThat(vi.unicastSrcIp()).contains(InetAddresses.forString("10.99.0.1"));
            assertThat(vi.unicastPeer()).containsExactly(InetAddresses.forString("10.99.0.2"), InetAddresses.forString("10.99.0.3"));
            assertThat(vi.unicast()).isTrue();
            assertThat(vi.mcastSrcIp()).contains(InetAddresses.forString("10.99.0.1"));
            assertThat(vi.useVmac()).isTrue();
            assertThat(vi.vmacName()).contains("vrrp.51");
            assertThat(vi.notifyHooks().tree().fieldNames()).toIterable().containsExactly("notify_master", "notify", "notify_timeout");
            assertThat(vi.notifyHooks().tree().get("notify").isArray()).isTrue();
            assertThat(vi.smtpAlert()).isFalse();
            assertThat(vi.downTimerAdverts()).isEqualTo(5);
        }

        @Test
        void secondInstanceMapsAuthenticationNopreemptAndDefaultVmacName() {
            InstanceConfig vi = full.instances().get("VI_2");
            assertThat(vi.version()).isEqualTo(2);
            assertThat(vi.advertInt()).isEqualTo(Duration.ofSeconds(3));
            assertThat(vi.authentication()).isEqualTo(new Authentication(AuthType.AH, "secret"));
            assertThat(vi.nopreempt()).isTrue();
            assertThat(vi.useVmac()).isTrue();
            assertThat(vi.vmacName()).contains("vrrp.52");
            assertThat(vi.smtpAlert()).as("inherits global.smtp_alert").isTrue();
        }
    }

    @Nested
    class TrackedRecords {
        @Test
        void defaultsHaveNoWeight() {
            SpareConfig config = full;
            assertThat(config.instances().get("VI_1").trackScript().get(0).weight()).isEmpty();
            assertThat(config.instances().get("VI_1").trackInterface().get(0).weight()).isZero();
        }

        @Test
        void fullMappingHasTheWeights() {
            assertThat(full.instances().get("VI_1").trackScript().get(1)).isEqualTo(new TrackedCheck("chk_haproxy2", OptionalInt.of(-30)));
            assertThat(full.instances().get("VI_1").trackInterface().get(1)).isEqualTo(new TrackedInterface("eth2", -10));
        }
    }

    @Nested
    class SyncGroupConfigRecord {
        @Test
        void defaults() {
            SyncGroupConfig group = minimal.syncGroups().get("G1");
            assertThat(group.name()).isEqualTo("G1");
            assertThat(group.group()).containsExactly("VI_1");
            assertThat(group.notifyHooks().path()).isEqualTo("sync_groups.G1");
            assertThat(group.notifyHooks().isEmpty()).isTrue();
            assertThat(group.smtpAlert()).isFalse();
        }

        @Test
        void fullMapping() {
            SyncGroupConfig group = full.syncGroups().get("G1");
            assertThat(group.group()).containsExactly("VI_1", "VI_2");
            assertThat(group.notifyHooks().tree().get("notify_master").asText()).isEqualTo("/etc/spare/group.sh master");
            assertThat(group.smtpAlert()).isFalse();
        }
    }

    @Nested
    class NotifierConfigRecord {
        @Test
        void defaults() {
            NotifierConfig notifier = minimal.notifiers().get("hook");
            assertThat(notifier.name()).isEqualTo("hook");
            assertThat(notifier.type()).isEqualTo("webhook");
            assertThat(notifier.instances()).isEmpty();
            assertThat(notifier.options().path()).isEqualTo("notifiers.hook");
            assertThat(notifier.options().isEmpty()).isTrue();
        }

        @Test
        void fullMapping() {
            NotifierConfig notifier = full.notifiers().get("hook1");
            assertThat(notifier.type()).isEqualTo("webhook");
            assertThat(notifier.instances()).containsExactly("VI_1", "G1");
            assertThat(notifier.options().tree().fieldNames()).toIterable().containsExactly("url", "timeout");
        }
    }

    @Test
    void fullFileLoadsWithoutWarnings() throws ConfigException {
        assertThat(TestingConfig.loadResource("full.yaml").warnings()).isEmpty();
        assertThat(List.of(full.instances().get("VI_1").allAddresses().size())).containsExactly(3);
    }
}
