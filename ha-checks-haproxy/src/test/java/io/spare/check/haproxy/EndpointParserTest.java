package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointParserTest {
    private static final Path CONF = Path.of("/etc/spare");

    @Test
    void socketPathsInHaproxySyntax() {
        assertThat(EndpointParser.socket("/run/haproxy/admin.sock", CONF))
                .isEqualTo(new StatsEndpoint.UnixSocket(Path.of("/run/haproxy/admin.sock")));
        assertThat(EndpointParser.socket("unix@/run/haproxy/admin.sock", CONF))
                .isEqualTo(new StatsEndpoint.UnixSocket(Path.of("/run/haproxy/admin.sock")));
        assertThat(EndpointParser.socket("unix@run/admin.sock", CONF))
                .isEqualTo(new StatsEndpoint.UnixSocket(Path.of("/etc/spare/run/admin.sock")));
    }

    @Test
    void tcpAddressesInHaproxySyntax() {
        assertThat(EndpointParser.socket("127.0.0.1:9999", CONF)).isEqualTo(new StatsEndpoint.TcpSocket("127.0.0.1", 9999));
        assertThat(EndpointParser.socket("ipv4@127.0.0.1:9999", CONF)).isEqualTo(new StatsEndpoint.TcpSocket("127.0.0.1", 9999));
        assertThat(EndpointParser.socket("ipv6@[::1]:9999", CONF)).isEqualTo(new StatsEndpoint.TcpSocket("::1", 9999));
        assertThat(EndpointParser.socket("ipv6@::1:9999", CONF)).isEqualTo(new StatsEndpoint.TcpSocket("::1", 9999));
        assertThat(new StatsEndpoint.TcpSocket("::1", 9999).display()).isEqualTo("[::1]:9999");
    }

    @Test
    void badSocketsSayWhatIsExpected() {
        assertThatThrownBy(() -> EndpointParser.socket("admin.sock", CONF))
                .hasMessage("must be a socket path (/run/haproxy/admin.sock) or HOST:PORT (was 'admin.sock')");
        assertThatThrownBy(() -> EndpointParser.socket("127.0.0.1:99999", CONF)).hasMessage("port must be 1..65535 (was 99999)");
        assertThatThrownBy(() -> EndpointParser.socket("127.0.0.1:http", CONF)).hasMessage("port must be a number (was '127.0.0.1:http')");
        assertThatThrownBy(() -> EndpointParser.socket("fd@3", CONF)).hasMessageStartingWith("unknown address family in 'fd@3'");
        assertThatThrownBy(() -> EndpointParser.socket(" ", CONF)).hasMessage("must not be empty");
    }

    @Test
    void urlsGetTheirCsvSuffix() {
        assertThat(EndpointParser.url("http://127.0.0.1:8089/stats", Optional.empty(), Optional.empty()).uri())
                .hasToString("http://127.0.0.1:8089/stats;csv");
        assertThat(EndpointParser.url("http://127.0.0.1:8089/stats;csv", Optional.empty(), Optional.empty()).uri())
                .hasToString("http://127.0.0.1:8089/stats;csv");
        assertThat(EndpointParser.url("http://lb/haproxy?stats", Optional.empty(), Optional.empty()).uri())
                .hasToString("http://lb/haproxy?stats;csv");
    }

    @Test
    void credentialsInsideTheUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> EndpointParser.url("http://admin:s3cret@127.0.0.1:8089/stats", Optional.empty(), Optional.empty()))
                .hasMessage("must not contain credentials: use the username and password keys")
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> EndpointParser.url("ftp://lb/stats", Optional.empty(), Optional.empty()))
                .hasMessage("must be an http:// or https:// URL (was 'ftp://lb/stats')");
    }

    @Test
    void theStatsPageNeverShowsItsPassword() {
        StatsEndpoint.StatsPage page = EndpointParser.url("http://lb:8089/stats", Optional.of("admin"), Optional.of("s3cret"));
        assertThat(page.toString()).doesNotContain("s3cret").contains("****");
        assertThat(page.display()).doesNotContain("s3cret");
    }
}
