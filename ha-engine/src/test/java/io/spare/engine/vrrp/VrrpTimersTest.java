package io.spare.engine.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VrrpTimersTest {
    @Test
    void v2SkewIsAFractionOfASecondWhateverTheInterval() {
        assertThat(VrrpTimers.skewMicros(2, 100, 1_000_000)).isEqualTo(609_375);
        assertThat(VrrpTimers.skewMicros(2, 100, 5_000_000)).isEqualTo(609_375);
        assertThat(VrrpTimers.skewMicros(2, 255, 1_000_000)).isEqualTo(3_906); // 1/256 s, truncated
        assertThat(VrrpTimers.skewMicros(2, 1, 1_000_000)).isEqualTo(996_093);
    }

    @Test
    void v3SkewScalesWithTheIntervalInKeepalivedsIntegerArithmetic() {
        assertThat(VrrpTimers.skewMicros(3, 100, 1_000_000)).isEqualTo(609_375);
        assertThat(VrrpTimers.skewMicros(3, 100, 100_000)).isEqualTo(60_937);
        // the reference's example: priority 200, 1 s: keepalived 218.75 ms (FRR says 210 ms)
        assertThat(VrrpTimers.skewMicros(3, 200, 1_000_000)).isEqualTo(218_750);
        assertThat(VrrpTimers.skewMicros(3, 254, 40_950_000)).isEqualTo(319_921);
    }

    @Test
    void masterDownIntervalIsDownTimerAdvertsIntervalsPlusSkew() {
        assertThat(VrrpTimers.masterDownMicros(2, 100, 1_000_000, 3)).isEqualTo(3_609_375);
        assertThat(VrrpTimers.masterDownMicros(3, 100, 100_000, 3)).isEqualTo(360_937);
        assertThat(VrrpTimers.masterDownMicros(2, 100, 1_000_000, 5)).isEqualTo(5_609_375);
        assertThat(VrrpTimers.masterDownNanos(3, 100, 100_000_000L, 3)).isEqualTo(360_937_000L);
    }
}
