package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void aStringIsSplitLikeAShellWouldButWithoutExpansion() {
        assertThat(CommandLine.argv("/usr/sbin/service haproxy  restart")).containsExactly("/usr/sbin/service", "haproxy", "restart");
        assertThat(CommandLine.argv("/bin/echo 'a b' \"c \\\"d\\\"\" e\\ f $HOME *"))
                .containsExactly("/bin/echo", "a b", "c \"d\"", "e f", "$HOME", "*");
    }

    @Test
    void aListIsTakenAsIs() {
        assertThat(CommandLine.argv(List.of("/bin/echo", "a b", 3))).containsExactly("/bin/echo", "a b", "3");
    }

    @Test
    void emptyOrMalformedCommandsAreRefused() {
        assertThatThrownBy(() -> CommandLine.argv("  ")).hasMessage("must name a command");
        assertThatThrownBy(() -> CommandLine.argv(List.of())).hasMessage("must name a command");
        assertThatThrownBy(() -> CommandLine.argv("/bin/echo 'open")).hasMessage("unclosed ' in '/bin/echo 'open'");
        assertThatThrownBy(() -> CommandLine.argv(Map.of("a", 1))).hasMessageStartingWith("must be a command string or an argv list");
    }
}
