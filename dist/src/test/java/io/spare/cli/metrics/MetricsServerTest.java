package io.spare.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.cli.control.StatusFixtures;
import io.spare.engine.runtime.EngineStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesAFreshSnapshotAtEveryScrape() throws Exception {
        EngineStatus status = StatusFixtures.sample();
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> {
            scrapes.incrementAndGet();
            return status;
        })) {
            HttpResponse<String> first = get(server, "/metrics");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("spare_vrrp_state{instance=\"VI_WEB\",interface=\"eth0\",vrid=\"51\",spare_vrrp_state=\"MASTER\"} 1");
            get(server, "/metrics");
            assertThat(scrapes).hasValue(2);
        }
    }

    @Test
    void aScrapeThatCannotTakeTheStatusFailsVisibly() throws Exception {
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> {
            throw new IllegalStateException("the event loop did not answer the status request");
        })) {
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(500);
        }
    }

    @Test
    void anAddressInUseIsAnErrorTheDaemonCanReport() throws Exception {
        EngineStatus status = StatusFixtures.sample();
        try (MetricsServer first = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> status)) {
            InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), first.port());
            assertThatThrownBy(() -> MetricsServer.start(taken, () -> status)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theUrlIsWhatAnOperatorPastesIntoPrometheus() throws Exception {
        assertThat(MetricsServer.url(new InetSocketAddress(InetAddress.getByName("10.99.0.1"), 9650))).isEqualTo("http://10.99.0.1:9650/metrics");
        assertThat(MetricsServer.url(new InetSocketAddress(InetAddress.getByName("fd99::1"), 9650))).isEqualTo("http://[fd99:0:0:0:0:0:0:1]:9650/metrics");
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
