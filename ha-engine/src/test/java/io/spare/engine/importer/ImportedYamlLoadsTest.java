package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AuthType;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.config.ConfigException;
import io.spare.engine.config.ConfigLoader;
import io.spare.engine.config.InitialState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.config.LoadedConfig;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.config.TrackedCheck;
import io.spare.engine.config.TrackedInterface;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What {@code spare import-keepalived} writes is what {@code spare check} accepts: the imported YAML
 * goes through the real config loader and binds to the values keepalived had.
 */
class ImportedYamlLoadsTest {

    private static LoadedConfig importAndLoad(Path keepalivedConf) throws Exception {
        ImportResult result = new KeepalivedImporter().importFile(keepalivedConf);
        try {
            return new ConfigLoader().parse(result.yaml(), Path.of("spare.yaml"));
        } catch (ConfigException e) {
            throw new AssertionError("the loader rejects the imported YAML:\n"
                    + String.join("\n", e.diagnostics().stream().map(d -> d.format()).toList()) + "\n" + result.yaml(), e);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ImportedYamlLoadsTest.class.getResource(name).toURI());
    }

    @Test
    void theSeedLoads() throws Exception {
        LoadedConfig loaded = importAndLoad(ImporterFiles.seedConfig());

        assertThat(loaded.warnings()).isEmpty();
        SpareConfig config = loaded.config();
        InstanceConfig vi1 = config.instances().get("VI_1");
        assertThat(vi1.state()).isEqualTo(InitialState.MASTER);
        assertThat(vi1.virtualRouterId()).isEqualTo(111);
        assertThat(vi1.priority()).isEqualTo(100);
        assertThat(vi1.advertInt()).isEqualTo(Duration.ofSeconds(1));
        assertThat(vi1.authentication().type()).isEqualTo(AuthType.PASS);
        assertThat(vi1.authentication().password()).isEqualTo("1111");
        assertThat(vi1.virtualIpaddress()).extracting(v -> v.cidr()).containsExactly("192.168.80.114/32");
        assertThat(vi1.trackScript()).extracting(TrackedCheck::name).containsExactly("chk_haproxy", "chk_state_down");
        assertThat(vi1.notifyHooks().tree().get("notify_master").asText()).isEqualTo("/etc/keepalived/notify.sh master 192.168.80.114");
        CheckConfig down = config.checks().get("chk_state_down");
        assertThat(down.type()).isEqualTo("file");
        assertThat(down.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(down.weight()).isEqualTo(3);
        assertThat(down.options().tree().get("exists").asText()).isEqualTo("fail");
        assertThat(config.global().smtpServer()).contains("127.0.0.1");
        assertThat(config.global().notificationEmail()).containsExactly("root@localhost");
        assertThat(config.global().smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFullIpv4SetupLoadsWithKeepalivedsValues() throws Exception {
        LoadedConfig loaded = importAndLoad(resource("/importer/ipv4-full/keepalived.conf"));

        assertThat(loaded.warnings()).isEmpty();
        SpareConfig config = loaded.config();
        assertThat(config.checks().keySet()).containsExactly("chk_down", "chk_haproxy", "chk_shell", "prio", "haproxy");
        assertThat(config.checks().get("chk_haproxy").initFail()).isTrue();
        assertThat(config.checks().get("chk_haproxy").timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.checks().get("chk_shell").options().tree().get("shell").booleanValue()).isTrue();
        assertThat(config.global().garp().masterDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.global().garp().lowerPrioRepeat()).isEqualTo(3);
        assertThat(config.global().vrrpStartupDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.global().smtpServer()).contains("10.99.0.25:25");
        assertThat(config.global().scriptUser()).contains("root");

        InstanceConfig vi1 = config.instances().get("VI_1");
        assertThat(vi1.state()).isEqualTo(InitialState.BACKUP);
        assertThat(vi1.nopreempt()).isTrue();
        assertThat(vi1.advertInt()).isEqualTo(Duration.ofSeconds(2));
        assertThat(vi1.virtualIpaddress()).extracting(Object::toString)
                .containsExactly("10.99.0.100/24 dev eth0 label eth0:vip", "10.99.0.101/32");
        assertThat(vi1.virtualIpaddressExcluded()).extracting(Object::toString).containsExactly("10.99.1.100/24 dev eth1");
        assertThat(vi1.trackScript()).containsExactly(
                new TrackedCheck("chk_down", OptionalInt.empty()),
                new TrackedCheck("chk_haproxy", OptionalInt.of(10)),
                new TrackedCheck("chk_shell", OptionalInt.empty()),
                new TrackedCheck("prio", OptionalInt.empty()),
                new TrackedCheck("haproxy", OptionalInt.of(-50)));
        assertThat(vi1.trackInterface()).containsExactly(new TrackedInterface("eth1", -20), new TrackedInterface("eth2", 0));
        assertThat(vi1.unicastSrcIp()).contains(InetAddress.getByName("10.99.0.1"));
        assertThat(vi1.unicastPeer()).containsExactly(InetAddress.getByName("10.99.0.2"));
        assertThat(vi1.garp().masterRepeat()).isEqualTo(4);
        assertThat(vi1.garp().masterRefresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(vi1.useVmac()).isTrue();
        assertThat(vi1.smtpAlert()).isTrue();
        assertThat(vi1.downTimerAdverts()).isEqualTo(4);
        assertThat(vi1.notifyHooks().tree().fieldNames()).toIterable()
                .containsExactly("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify");

        InstanceConfig vi2 = config.instances().get("VI_2");
        assertThat(vi2.preemptDelay()).as("keepalived clears preempt_delay on a MASTER").isEqualTo(Duration.ZERO);
        assertThat(vi2.mcastSrcIp()).contains(InetAddress.getByName("10.99.1.1"));
        assertThat(config.syncGroups().get("G1").group()).containsExactly("VI_1", "VI_2");
        assertThat(config.syncGroups().get("G1").smtpAlert()).isTrue();
    }

    @Test
    void theKitchenSinkWithIpv6Loads() throws Exception {
        LoadedConfig loaded = importAndLoad(resource("/importer/full/keepalived.conf"));

        InstanceConfig vi6 = loaded.config().instances().get("VI_6");
        assertThat(vi6.version()).isEqualTo(3);
        assertThat(vi6.virtualIpaddress()).extracting(v -> v.address(), v -> v.prefixLength(), v -> v.device()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(InetAddress.getByName("fd99::10"), 64, java.util.Optional.of("eth1")),
                org.assertj.core.groups.Tuple.tuple(InetAddress.getByName("fd99::11"), 128, java.util.Optional.empty()));
        assertThat(vi6.unicastPeer()).hasSize(2);
        assertThat(vi6.vmacName()).contains("vrrp60");
        assertThat(loaded.config().instances().get("VI_1").priority()).isEqualTo(255);
    }
}
