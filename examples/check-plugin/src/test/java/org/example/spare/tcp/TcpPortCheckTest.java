package org.example.spare.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.PluginConfigException;
import io.spare.api.SparePlugin;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TcpPortCheckTest {
    private final TestingPluginContext context = TestingPluginContext.defaults(Path.of("."));

    @Test
    void serviceLoaderFindsExactlyThisPlugin() {
        assertThat(ServiceLoader.load(SparePlugin.class, getClass().getClassLoader()).stream().map(ServiceLoader.Provider::type))
                .containsExactly(TcpPortPlugin.class);
    }

    @Test
    void passesWhileThePortAcceptsAndFailsWhenItCloses() throws Exception {
        int port;
        HealthCheck check;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            check = new TcpPortCheckFactory().create(TestingPluginConfig.of(Map.of("port", port)), context);
            CheckResult result = check.run(Duration.ofSeconds(1));
            assertThat(result.ok()).isTrue();
            assertThat(result.message()).isEqualTo("127.0.0.1:" + port + " accepts connections");
        }
        CheckResult closed = check.run(Duration.ofSeconds(1));
        assertThat(closed.ok()).isFalse();
        assertThat(closed.message()).startsWith("127.0.0.1:" + port + ": ").containsIgnoringCase("refused");
    }

    @Test
    void aBadPortIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> new TcpPortCheckFactory().create(TestingPluginConfig.of(Map.of("port", 70000)), context))
                .isInstanceOfSatisfying(PluginConfigException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.key() + ": " + p.message())
                        .containsExactly("port: must be 1..65535 (was 70000)"));
    }
}
