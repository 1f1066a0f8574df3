package io.spare.engine.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Loads YAML text the way {@code spare check spare.yaml} would, for tests. */
final class TestingConfig {
    static final Path FILE = Path.of("spare.yaml");

    /** An instance with only the required keys, to append other sections to. */
    static final String MINIMAL_INSTANCE = """
            instances:
              VI_1:
                interface: eth0
                virtual_router_id: 51
                virtual_ipaddress: [10.99.0.200/24]
            """;

    private TestingConfig() {}

    static LoadedConfig load(String yaml) throws ConfigException {
        return new ConfigLoader().parse(yaml, FILE);
    }

    static LoadedConfig loadResource(String name) throws ConfigException {
        return new ConfigLoader().parse(resource(name), Path.of(name));
    }

    static String resource(String name) {
        try (InputStream in = TestingConfig.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource config/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The diagnostics of a file that must not load, formatted as printed. */
    static List<String> problems(String yaml) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].diagnostics().stream().map(ConfigDiagnostic::format).toList();
    }

    /** Only the errors of a file that must not load. */
    static List<String> errors(String yaml) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].errors().stream().map(ConfigDiagnostic::format).toList();
    }

    /** The warnings of a file that must load. */
    static List<String> warnings(String yaml) throws ConfigException {
        return load(yaml).warnings().stream().map(ConfigDiagnostic::format).toList();
    }

    /** {@link #MINIMAL_INSTANCE} with more keys for VI_1 (indented by the caller with four spaces). */
    static String instanceWith(String keys) {
        return MINIMAL_INSTANCE + keys.indent(4);
    }
}
