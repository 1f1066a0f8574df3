package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShowInfoTest {
    @Test
    void readsVersionPidAndStoppingFromACapture() throws Exception {
        ShowInfo info = ShowInfo.parse(FakeStatsSocket.resource("show-info.txt"));
        assertThat(info.version()).isEqualTo("2.6.12-1+deb12u4");
        assertThat(info.pid()).contains("9830");
        assertThat(info.stopping()).isFalse();
        assertThat(ShowInfo.parse("Name: HAProxy\nVersion: 2.8.0\nStopping: 1\n").stopping()).isTrue();
    }

    @Test
    void anErrorTextIsRefused() {
        assertThatThrownBy(() -> ShowInfo.parse("Permission denied\n\n"))
                .hasMessage("unexpected answer to show info: 'Permission denied'");
    }
}
