package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog((level, message) -> lines.add(level + " " + message), now::get,
            Duration.ofMinutes(1));

    @Test
    void logsOncePerPeriodPerKeyAndReportsTheRepeats() {
        assertThat(log.log(Level.WARN, "ttl", "bad ttl")).isTrue();
        assertThat(log.log(Level.WARN, "ttl", "bad ttl")).isFalse();
        assertThat(log.log(Level.WARN, "ttl", "bad ttl")).isFalse();
        assertThat(log.log(Level.WARN, "auth", "bad password")).isTrue();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(log.log(Level.WARN, "ttl", "bad ttl")).isFalse();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(log.log(Level.WARN, "ttl", "bad ttl")).isTrue();

        assertThat(lines).containsExactly(
                "WARN bad ttl",
                "WARN bad password",
                "WARN bad ttl (3 more like this since the last report)");
    }
}
