package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class YamlWriterTest {

    /** Strings YAML would read as numbers, booleans, null, or break on: each must come back as the same string. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1111", "007", "1.5", "1e3", "-3", "+4", ".5", "0x1F", "0o17", ".inf", ".NaN", "true", "False", "yes", "NO", "on",
        "Off", "y", "n", "null", "~", "", " lead", "trail ", "a: b", "a #b", "#x", "[x]", "{x}", "x, y", "&a", "*a", "!tag",
        "|", ">", "'q'", "\"dq\"", "%d", "@at", "`b`", "eth1:vip", "fd99::1", "12:30:00", "back\\slash", "tab\there",
        "new\nline", "主机名", "=", "<<", "-", "--- ", "? x", "192.168.80.114", "192.168.80.114/32", "LVS_DEVEL"
    })
    void stringsComeBackAsStrings(String value) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("plain", value);
        document.put("flow", new YamlWriter.Flow(List.of(value, Map.of("k", value))));
        document.put("block", List.of(value));

        JsonNode read = ImporterFiles.yaml(YamlWriter.write(List.of(), document));

        assertThat(read.get("plain").isTextual()).isTrue();
        assertThat(read.get("plain").textValue()).isEqualTo(value);
        assertThat(read.get("flow").get(0).textValue()).isEqualTo(value);
        assertThat(read.get("flow").get(1).get("k").textValue()).isEqualTo(value);
        assertThat(read.get("block").get(0).textValue()).isEqualTo(value);
    }

    @Test
    void plainWhereItIsSafeForReadability() {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("interface", "eth0");
        instance.put("virtual_router_id", 111);
        instance.put("nopreempt", true);
        instance.put("advert_int", "1s");
        instance.put("virtual_ipaddress", List.of("192.168.80.114/32"));
        instance.put("authentication", new YamlWriter.Flow(Map.of("auth_pass", "1111")));
        instance.put("track_script", new YamlWriter.Flow(List.of()));
        instance.put("empty", Map.of());

        String yaml = YamlWriter.write(List.of("header"), Map.of("instances", Map.of("VI_1", instance)));

        assertThat(yaml).isEqualTo("""
                # header

                instances:
                  VI_1:
                    interface: eth0
                    virtual_router_id: 111
                    nopreempt: true
                    advert_int: 1s
                    virtual_ipaddress:
                      - 192.168.80.114/32
                    authentication: {auth_pass: "1111"}
                    track_script: []
                    empty: {}
                """);
    }

    @Test
    void durationsInSpareForm() {
        assertThat(Values.duration(new java.math.BigDecimal("2"))).isEqualTo("2s");
        assertThat(Values.duration(new java.math.BigDecimal("2.000"))).isEqualTo("2s");
        assertThat(Values.duration(new java.math.BigDecimal("0.5"))).isEqualTo("500ms");
        assertThat(Values.duration(new java.math.BigDecimal("0.01"))).isEqualTo("10ms");
        assertThat(Values.duration(new java.math.BigDecimal("1.5"))).isEqualTo("1.5s");
        assertThat(Values.duration(new java.math.BigDecimal("0"))).isEqualTo("0s");
        assertThat(Values.duration(new java.math.BigDecimal("0.0005"))).isEqualTo("0.0005s");
        assertThat(Values.duration(java.time.Duration.ofMinutes(1))).isEqualTo("60s");
    }
}
