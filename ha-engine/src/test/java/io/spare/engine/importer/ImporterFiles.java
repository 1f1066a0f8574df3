package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers for importer tests: write configuration files, read the YAML back. */
final class ImporterFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ImporterFiles() {}

    static Path write(Path directory, String name, String text) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("the importer wrote YAML that does not parse:\n" + text, e);
        }
    }

    static ImportResult importText(Path directory, String config) throws IOException, ImportException {
        return new KeepalivedImporter().importFile(write(directory, "keepalived.conf", config));
    }

    /**
     * The seed keepalived.conf in {@code shared/seed}, beside the checkout (CI lays it out the same
     * way): found by walking up from the module directory.
     */
    static Path seedConfig() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("seed").resolve("keepalived.conf");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail("shared/seed/keepalived.conf not found above " + Path.of("").toAbsolutePath()
                + "; the importer tests need the shared/ directory beside the checkout");
    }
}
