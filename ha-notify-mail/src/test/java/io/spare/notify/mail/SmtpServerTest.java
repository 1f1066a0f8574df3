package io.spare.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpServerTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,          127.0.0.1,        0",
        "127.0.0.1:2525,     127.0.0.1,        2525",
        "'127.0.0.1 2525',   127.0.0.1,        2525",
        "'  mail.example.com   587 ', mail.example.com, 587",
        "mail.example.com,   mail.example.com, 0",
        "[2001:db8::25]:2525, 2001:db8::25,    2525",
        "[::1],              ::1,              0",
        "::1,                ::1,              0",
        "'fd99::1 26',       fd99::1,          26",
    })
    void readsEveryWayKeepalivedAndSpareWriteIt(String text, String host, int port) {
        SmtpServer server = SmtpServer.parse(text);

        assertThat(server.host()).isEqualTo(host);
        assertThat(server.port()).isEqualTo(port == 0 ? OptionalInt.empty() : OptionalInt.of(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "host:0", "host:65536", "host:smtp", "[::1", "[::1]x25", ":25", "a b c", "host 99999"})
    void rejectsWhatIsNotHostAndPort(String text) {
        assertThatThrownBy(() -> SmtpServer.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"mail.example.com, false, mail.example.com:25", "mail.example.com, true, mail.example.com:465",
        "[::1]:2525, false, [::1]:2525"})
    void defaultsThePortBySecurity(String text, boolean implicitTls, String display) {
        assertThat(SmtpServer.parse(text).display(implicitTls)).isEqualTo(display);
    }
}
