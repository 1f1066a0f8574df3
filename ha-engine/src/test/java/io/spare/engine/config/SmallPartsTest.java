package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.DidYouMean;
import io.spare.api.DurationText;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, the "did you mean" matcher and the diagnostic format. */
class SmallPartsTest {

    @Nested
    class DurationParsing {
        @ParameterizedTest
        @CsvSource({
            "2s, 2000", "500ms, 500", "1.5s, 1500", "1m, 60000", "2h, 7200000", "3, 3000", "0.25, 250", ".5, 500",
            "10 ms, 10", "1.5m, 90000", "0, 0", "40.95, 40950", "2S, 2000", "1min, 60000", "5sec, 5000"
        })
        void parses(String text, long millis) {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
        }

        @ParameterizedTest
        @ValueSource(strings = {"fast", "-1s", "1d", "s", "1.2.3s", "100cs", "1 s 2", ""})
        void refuses(String text) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected " + Durations.EXPECTED + ", found '" + text + "'");
        }

        @Test
        void aNumberIsSeconds() {
            assertThat(Durations.ofSeconds(new BigDecimal("0.01"))).isEqualTo(Duration.ofMillis(10));
            assertThatThrownBy(() -> Durations.ofSeconds(new BigDecimal("-1"))).hasMessage("must not be negative (was -1)");
        }

        @ParameterizedTest
        @CsvSource({"0, 0s", "10, 10ms", "500, 500ms", "1500, 1.5s", "60000, 1m", "90000, 90s", "2000, 2s", "1001, 1.001s", "3250, 3.25s", "-1500, -1.5s", "-20, -20ms"})
        void formatsShortestForm(long millis, String text) {
            assertThat(DurationText.format(Duration.ofMillis(millis))).isEqualTo(text);
        }
    }

    @Nested
    class ClosestMatch {
        private final List<String> keys = InstanceBinder.KEYS;

        @Test
        void findsTyposAndTruncations() {
            assertThat(DidYouMean.closest("virtal_router_id", keys)).contains("virtual_router_id");
            assertThat(DidYouMean.closest("PRIORITY", keys)).contains("priority");
            assertThat(DidYouMean.closest("advert_interval", keys)).contains("advert_int");
            assertThat(DidYouMean.closest("unicast_peers", keys)).contains("unicast_peer");
            assertThat(DidYouMean.closest("intrface", keys)).contains("interface");
        }

        @Test
        void staysQuietWhenNothingIsClose() {
            assertThat(DidYouMean.closest("foo", keys)).isEmpty();
            assertThat(DidYouMean.closest("lvs_sync_daemon_interface", keys)).isEmpty();
            assertThat(DidYouMean.closest("x", List.of())).isEmpty();
        }

        @Test
        void nearestKeepsTheCallersCutOffAndCountsCase() {
            assertThat(DidYouMean.nearest("intrface", keys, 1)).contains("interface");
            assertThat(DidYouMean.nearest("intrfce", keys, 1)).isEmpty();
            assertThat(DidYouMean.nearest("PRIORITY", keys, 2)).isEmpty();
            assertThat(DidYouMean.nearest("x", List.of(), 5)).isEmpty();
        }

        @Test
        void levenshteinDistance() {
            assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
            assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
            assertThat(DidYouMean.distance("same", "same")).isZero();
        }
    }

    @Nested
    class DiagnosticFormat {
        @Test
        void errorWarningAndFileLevelForms() {
            Path file = Path.of("/etc/spare/spare.yaml");
            assertThat(ConfigDiagnostic.error(file, 42, 7, "instances.VI_1.priority", "must be 1..255 (was 300)").format())
                    .isEqualTo("/etc/spare/spare.yaml:42:7: instances.VI_1.priority: must be 1..255 (was 300)");
            assertThat(ConfigDiagnostic.warning(file, 3, 5, "instances.VI_1.nopreempt", "ignored").format())
                    .isEqualTo("/etc/spare/spare.yaml:3:5: warning: instances.VI_1.nopreempt: ignored");
            assertThat(ConfigDiagnostic.error(file, 0, 0, "", "no such file").toString()).isEqualTo("/etc/spare/spare.yaml: no such file");
        }

        @Test
        void aConfigExceptionNeedsAnError() {
            assertThatThrownBy(() -> new ConfigException(List.of(ConfigDiagnostic.warning(Path.of("a"), 1, 1, "", "w"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aConfigExceptionSortsByPosition() {
            Path file = Path.of("spare.yaml");
            ConfigException e = new ConfigException(List.of(
                    ConfigDiagnostic.error(file, 9, 1, "b", "second"),
                    ConfigDiagnostic.warning(file, 2, 3, "a", "first")));
            assertThat(e.diagnostics()).extracting(ConfigDiagnostic::message).containsExactly("first", "second");
            assertThat(e.errors()).extracting(ConfigDiagnostic::message).containsExactly("second");
            assertThat(e.getMessage()).isEqualTo("1 configuration error:\nspare.yaml:2:3: warning: a: first\nspare.yaml:9:1: b: second");
        }
    }

    @Nested
    class Locations {
        @Test
        void aPathWithoutItsOwnPositionFallsBackToTheNearestEnclosingKey() throws ConfigException {
            SourceMap map = TestingConfig.load(TestingConfig.MINIMAL_INSTANCE).sourceMap();
            assertThat(map.keyLocation("instances.VI_1.interface")).contains(new SourceMap.Location(3, 5));
            assertThat(map.valueLocation("instances.VI_1.interface")).contains(new SourceMap.Location(3, 16));
            assertThat(map.valueLocation("instances.VI_1.virtual_ipaddress[0]")).contains(new SourceMap.Location(5, 25));
            assertThat(map.locateValue("instances.VI_1.priority")).isEqualTo(new SourceMap.Location(2, 3));
            assertThat(map.locateKey("nowhere.at.all")).isEqualTo(SourceMap.Location.START);
        }
    }
}
