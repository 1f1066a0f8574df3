package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AuthType;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The seed tutorial's keepalived.conf, written as spare.yaml, loads with the values keepalived would use. */
class SeedConfigTest {

    @Test
    void seedTranslationLoadsWithKeepalivedValues() throws Exception {
        LoadedConfig loaded = TestingConfig.loadResource("seed-spare.yaml");
        SpareConfig config = loaded.config();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(config.global().routerId()).contains("LVS_DEVEL");
        assertThat(config.global().notificationEmail()).containsExactly("root@localhost");
        assertThat(config.global().notificationEmailFrom()).contains("soul@104.com");
        assertThat(config.global().smtpServer()).contains("127.0.0.1");
        assertThat(config.global().smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.global().mailConfigured()).isTrue();

        assertThat(config.checks()).containsOnlyKeys("chk_state_down", "chk_haproxy");
        CheckConfig haproxy = config.checks().get("chk_haproxy");
        assertThat(haproxy.type()).isEqualTo("script");
        assertThat(haproxy.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(haproxy.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(haproxy.weight()).isEqualTo(2);
        assertThat(haproxy.options().tree().get("script").asText()).isEqualTo("/etc/keepalived/chk_haproxy.sh");
        assertThat(config.checks().get("chk_state_down").options().tree().get("script").asText())
                .isEqualTo("[[ -f /etc/keepalived/down ]] && exit 1 || exit 0");

        InstanceConfig vi1 = config.instances().get("VI_1");
        assertThat(vi1.state()).isEqualTo(InitialState.MASTER);
        assertThat(vi1.interfaceName()).isEqualTo("eth0");
        assertThat(vi1.virtualRouterId()).isEqualTo(111);
        assertThat(vi1.priority()).isEqualTo(100);
        assertThat(vi1.advertInt()).isEqualTo(Duration.ofSeconds(1));
        assertThat(vi1.version()).isEqualTo(2);
        assertThat(vi1.authentication().type()).isEqualTo(AuthType.PASS);
        assertThat(vi1.authentication().password()).isEqualTo("1111");
        assertThat(vi1.virtualIpaddress()).containsExactly(VirtualAddress.of(InetAddress.getByName("192.168.80.114")));
        assertThat(vi1.virtualIpaddress().get(0).prefixLength()).isEqualTo(32);
        assertThat(vi1.trackScript()).containsExactly(
                new TrackedCheck("chk_haproxy", OptionalInt.empty()), new TrackedCheck("chk_state_down", OptionalInt.empty()));
        assertThat(vi1.notifyHooks().path()).isEqualTo("instances.VI_1");
        assertThat(List.of(vi1.notifyHooks().tree().fieldNames().next())).containsExactly("notify_master");
        assertThat(vi1.notifyHooks().tree().size()).isEqualTo(3);
        assertThat(vi1.notifyHooks().tree().get("notify_fault").asText())
                .isEqualTo("/etc/keepalived/notify.sh fault 192.168.80.114");
    }

    @Test
    void seedMailKeysReachTheMailBlock() throws Exception {
        ConfigBlock mail = TestingConfig.loadResource("seed-spare.yaml").config().global().mail();

        assertThat(mail.path()).isEqualTo("global");
        assertThat(mail.tree().fieldNames()).toIterable()
                .containsExactly("notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout");
    }
}
