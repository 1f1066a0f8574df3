package io.spare.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.PluginConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestingPluginConfigTest {
    enum Mode { REQUIRED, OPPORTUNISTIC }

    record Inner(int minUp) {}

    record Sample(String socket, Duration timeout, Optional<String> user, List<Inner> backends, Mode mode, boolean flag) {}

    @Test
    void bindsSnakeCaseKeysIntoARecord() throws Exception {
        Sample sample = TestingPluginConfig.of(Map.of(
                        "socket", "/run/x.sock", "timeout", "1.5s", "backends", List.of(Map.of("min_up", 2)), "mode", "Required"))
                .bind(Sample.class);
        assertThat(sample).isEqualTo(new Sample("/run/x.sock", Duration.ofMillis(1500), Optional.empty(), List.of(new Inner(2)), Mode.REQUIRED, false));
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        assertThatThrownBy(() -> TestingPluginConfig.of(Map.of("sockt", "x", "timeout", "soon", "backends", List.of(Map.of("min_up", "many")))).bind(Sample.class))
                .isInstanceOfSatisfying(PluginConfigException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.key() + ": " + p.message())
                        .containsExactlyInAnyOrder(
                                "sockt: unknown key (did you mean 'socket'?)",
                                "timeout: must be a duration like 2s, 500ms or 1m (was soon)",
                                "backends[0].min_up: must be a number (was many)"));
    }
}
