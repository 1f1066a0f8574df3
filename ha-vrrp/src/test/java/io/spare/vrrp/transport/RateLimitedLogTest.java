package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Logger logger = mock(Logger.class);
    private final RateLimitedLog log = new RateLimitedLog(logger, now::get, Duration.ofMinutes(1));

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

        verify(logger).log(Level.WARN, "bad ttl");
        verify(logger).log(Level.WARN, "bad password");
        verify(logger, times(1)).log(eq(Level.WARN), anyString(), eq("bad ttl"), eq(3L));
    }
}
