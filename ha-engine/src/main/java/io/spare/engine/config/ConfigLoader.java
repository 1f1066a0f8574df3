package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads {@code spare.yaml}: parses it keeping every key's line and column, binds it strictly to
 * {@link SpareConfig} with keepalived's defaults, and checks keepalived's rules. Every problem in the
 * file is reported at once, located ({@code spare.yaml:42:7: instances.VI_1.priority: must be
 * 1..255 (was 300)}); nothing is returned unless the whole file is valid.
 *
 * <p>Plugin blocks (a check's type-specific keys, {@code notify*} hooks, the mail keys) are kept as
 * {@link ConfigBlock}s; bind them with {@link BlockPluginConfig}, which locates their problems the same
 * way.
 */
public final class ConfigLoader {
    static final List<String> TOP_KEYS = List.of("global", "checks", "instances", "sync_groups", "notifiers");

    /** keepalived's block names, which people bring along. */
    private static final Map<String, String> KEEPALIVED_HINTS = Map.of(
            "global_defs", "global",
            "vrrp_instance", "instances",
            "vrrp_instances", "instances",
            "vrrp_script", "checks",
            "vrrp_scripts", "checks",
            "vrrp_sync_group", "sync_groups");

    private final YamlTreeReader reader = new YamlTreeReader();

    @Inject
    public ConfigLoader() {}

    /**
     * Loads and validates {@code file}.
     *
     * @param file the file, as the user named it: messages show it this way
     * @throws ConfigException with every problem found, when the file cannot be read or is invalid
     */
    public LoadedConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(file, "cannot read: " + e.getMessage());
        }
        return parse(text, file);
    }

    /**
     * Validates YAML text, e.g. read from standard input.
     *
     * @param file the name to show in messages
     */
    public LoadedConfig parse(String yaml, Path file) throws ConfigException {
        YamlTreeReader.ParsedYaml parsed = reader.read(yaml, file);
        SourceMap sourceMap = parsed.sourceMap();
        Diagnostics diagnostics = new Diagnostics(sourceMap);
        Optional<JsonNode> root = parsed.root();
        if (root.isEmpty() || root.get().isNull()) {
            diagnostics.keyError("", "no instances: the file is empty; define at least one under `instances:`");
            throw new ConfigException(diagnostics.all());
        }
        if (!root.get().isObject()) {
            diagnostics.error("", "expected a mapping with the sections " + String.join(", ", TOP_KEYS)
                    + ", found " + new Scalars(diagnostics).describe(root.get(), ""));
            throw new ConfigException(diagnostics.all());
        }
        SpareConfig config = bind(root.get(), diagnostics);
        new CrossReferences(diagnostics).check(config, root.get());
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.all());
        }
        return new LoadedConfig(config, diagnostics.warnings(), sourceMap);
    }

    private SpareConfig bind(JsonNode root, Diagnostics diagnostics) {
        Section top = Section.open(root, "", diagnostics, TOP_KEYS);
        top.rejectUnknownKeys(KEEPALIVED_HINTS);
        GlobalBinder.Bound global = new GlobalBinder(diagnostics).bind(top.get("global").orElse(null));
        Map<String, CheckConfig> checks = named(top, "checks", new CheckBinder(diagnostics)::bind, diagnostics);
        Map<String, InstanceConfig> instances =
                named(top, "instances", new InstanceBinder(diagnostics, global)::bind, diagnostics);
        if (instances.isEmpty() && !(top.get("instances").isPresent() && top.get("instances").get().size() > 0)) {
            diagnostics.keyError(top.has("instances") ? "instances" : "",
                    "no instances: define at least one under `instances:` (keepalived's vrrp_instance)");
        }
        Map<String, SyncGroupConfig> syncGroups =
                named(top, "sync_groups", new SyncGroupBinder(diagnostics, global.config())::bind, diagnostics);
        Map<String, NotifierConfig> notifiers = named(top, "notifiers", new NotifierBinder(diagnostics)::bind, diagnostics);
        return new SpareConfig(global.config(), checks, instances, syncGroups, notifiers);
    }

    /** A section of named entries ({@code instances: {VI_1: ..., VI_2: ...}}), in the file's order. */
    private static <T> Map<String, T> named(
            Section top, String key, BiFunction<String, JsonNode, T> binder, Diagnostics diagnostics) {
        Map<String, T> entries = new LinkedHashMap<>();
        Optional<JsonNode> section = top.get(key);
        if (section.isEmpty() || section.get().isNull()) {
            return entries;
        }
        if (!section.get().isObject()) {
            diagnostics.error(key, "expected a mapping of names to entries, found " + new Scalars(diagnostics).describe(section.get(), key));
            return entries;
        }
        for (Map.Entry<String, JsonNode> entry : section.get().properties()) {
            String path = SourceMap.child(key, entry.getKey());
            if (entry.getKey().isBlank()) {
                diagnostics.keyError(path, "a name must not be empty");
                continue;
            }
            if (!entry.getValue().isObject() && !entry.getValue().isNull()) {
                diagnostics.error(path, "expected a mapping of keys, found " + new Scalars(diagnostics).describe(entry.getValue(), path));
                continue;
            }
            try {
                entries.put(entry.getKey(), binder.apply(entry.getKey(), entry.getValue()));
            } catch (RuntimeException e) {
                // a rule this loader missed: still a located error, never a crash
                diagnostics.keyError(path, "cannot be bound (" + e + "); please report this as a Spare bug");
            }
        }
        return entries;
    }

    private static ConfigException fileProblem(Path file, String message) {
        return new ConfigException(List.of(ConfigDiagnostic.error(file, 0, 0, "", message)));
    }
}
