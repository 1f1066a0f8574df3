package io.spare.cli.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    @Test
    void theDocumentCarriesWhatAnOperatorAndAScriptNeed() throws Exception {
        JsonNode status = StatusJson.decode(StatusJson.encode(StatusFixtures.sample()));

        assertThat(status.path("format").asInt()).isEqualTo(StatusJson.FORMAT);
        assertThat(status.path("at").asText()).isEqualTo("2026-11-25T10:15:30.250Z");
        JsonNode web = status.path("instances").get(0);
        assertThat(web.path("name").asText()).isEqualTo("VI_WEB");
        assertThat(web.path("interface").asText()).isEqualTo("eth0");
        assertThat(web.path("vrid").asInt()).isEqualTo(51);
        assertThat(web.path("version").asInt()).isEqualTo(2);
        assertThat(web.path("state").asText()).isEqualTo("MASTER");
        assertThat(web.path("master").isNull()).isTrue();
        assertThat(web.path("holds_vips").asBoolean()).isTrue();
        assertThat(web.path("vips").toString()).isEqualTo("[\"10.99.0.100/24\"]");
        assertThat(web.path("advert_int_ms").asLong()).isEqualTo(1000);

        JsonNode db = status.path("instances").get(1);
        assertThat(db.path("priority").asInt()).isEqualTo(100);
        assertThat(db.path("effective_priority").asInt()).isEqualTo(80);
        assertThat(db.path("master").path("address").asText()).isEqualTo("10.99.1.2");
        assertThat(db.path("master").path("priority").asInt()).isEqualTo(120);
        assertThat(db.path("advert_int_ms").asLong()).isEqualTo(100);
        assertThat(db.path("conditions").get(0).asText()).isEqualTo("version_mismatch: 10.99.1.9 (v2)");
        assertThat(db.path("counters").path("channel_auth").asLong()).isEqualTo(3);
        // sorted, whatever order the engine's map had
        assertThat(db.path("counters").fieldNames()).toIterable()
                .containsExactly("adverts_received", "channel_auth", "channel_interface.unknown_vrid");

        assertThat(status.path("sync_groups").get(0).path("members").toString()).isEqualTo("[\"VI_WEB\",\"VI_DB\"]");
        JsonNode check = status.path("checks").get(0);
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("value").asInt()).isEqualTo(2);
        assertThat(check.path("last_duration_ms").asDouble()).isEqualTo(2.5);
        assertThat(check.path("counters").path("http_errors").asLong()).isEqualTo(4);
        JsonNode mail = status.path("notifiers").get(0);
        assertThat(mail.path("timed_out").asLong()).isZero();
        assertThat(mail.path("queued").asInt()).isEqualTo(2);
    }

    @Test
    void theTableShowsStateMasterAndEveryConditionAndCountersOnlyWhenAsked() throws Exception {
        JsonNode status = StatusJson.decode(StatusJson.encode(StatusFixtures.sample()));

        String plain = print(status, false);
        assertThat(plain).contains(
                "Spare status at 2026-11-25T10:15:30.250Z",
                "INSTANCE  STATE   INTERFACE  VRID  VERSION  PRIORITY             MASTER           VIPS",
                "VI_WEB    MASTER  eth0       51    v2       150                  this host        10.99.0.100/24 (held)",
                "VI_DB     BACKUP  eth1       52    v3       80 (configured 100)  10.99.1.2 (120)  10.99.1.100/24 and 2 more",
                "  ! version_mismatch: 10.99.1.9 (v2)",
                "G1          BACKUP  VI_WEB, VI_DB",
                "chk_haproxy  FAILING (2)  10    4         1         2.5 ms    2 of 3 servers down",
                "mail      5          1       0          0        2");
        assertThat(plain).doesNotContain("channel_auth");

        String counted = print(status, true);
        assertThat(counted).contains("    adverts_received 7, channel_auth 3, channel_interface.unknown_vrid 1",
                "    adverts_sent 42", "    http_errors 4");
        assertThat(counted).doesNotContain("channel_auth 0");
    }

    @Test
    void anErrorIsADocumentToo() throws Exception {
        JsonNode error = StatusJson.decode(StatusJson.error("the event loop did not answer"));
        assertThat(error.path("error").asText()).isEqualTo("the event loop did not answer");
    }

    @Test
    void aDocumentOfAnotherFormatOrNotJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> StatusJson.decode("{\"format\": 2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("format 2").hasMessageContaining("reads format 1");
        assertThatThrownBy(() -> StatusJson.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> StatusJson.decode("HTTP/1.0 200".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    private static String print(JsonNode status, boolean counters) {
        StringWriter text = new StringWriter();
        StatusTable.print(status, counters, new PrintWriter(text));
        return text.toString();
    }
}
