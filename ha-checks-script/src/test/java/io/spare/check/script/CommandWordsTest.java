package io.spare.check.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void splitsOnBlanksWithoutExpandingAnything() {
        assertThat(CommandWords.split("  /etc/keepalived/notify.sh master\t192.168.80.114 "))
                .containsExactly("/etc/keepalived/notify.sh", "master", "192.168.80.114");
        assertThat(CommandWords.split("echo $HOME * | wc")).containsExactly("echo", "$HOME", "*", "|", "wc");
    }

    @Test
    void quotesGroupWordsAndBackslashesEscape() {
        assertThat(CommandWords.split("a 'b c' \"d e\" f\\ g 'x'y\"z\""))
                .containsExactly("a", "b c", "d e", "f g", "xyz");
        assertThat(CommandWords.split("\"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("say \"hi\" \\ \\n");
        assertThat(CommandWords.split("'' x")).containsExactly("", "x");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> CommandWords.split("a 'b")).hasMessage("unterminated single quote at position 3");
        assertThatThrownBy(() -> CommandWords.split("a \"b")).hasMessage("unterminated double quote at position 3");
        assertThatThrownBy(() -> CommandWords.split("a\\")).hasMessage("trailing backslash");
    }
}
