package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spare.api.DidYouMean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One YAML mapping being bound: typed getters that report problems at the right place, and strict
 * key checking: a key that is neither known nor passed through to a plugin is an error with a "did
 * you mean" hint.
 */
final class Section {
    private static final Pattern PLUGIN_TYPE = Pattern.compile("[a-z][a-z0-9-]*");

    private final ObjectNode node;
    private final String path;
    private final Diagnostics diagnostics;
    private final Scalars scalars;
    private final List<String> knownKeys;
    private final Predicate<String> passThrough;

    private Section(ObjectNode node, String path, Diagnostics diagnostics, List<String> knownKeys, Predicate<String> passThrough) {
        this.node = node;
        this.path = path;
        this.diagnostics = diagnostics;
        this.scalars = new Scalars(diagnostics);
        this.knownKeys = List.copyOf(knownKeys);
        this.passThrough = passThrough;
    }

    /**
     * Opens {@code value} (at {@code path}) as a mapping. A missing or null value is an empty mapping;
     * anything else is reported and read as empty.
     */
    static Section open(JsonNode value, String path, Diagnostics diagnostics, List<String> knownKeys, Predicate<String> passThrough) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (value != null && value.isObject()) {
            node = (ObjectNode) value;
        } else if (value != null && !value.isNull() && !value.isMissingNode()) {
            diagnostics.error(path, "expected a mapping of keys, found " + new Scalars(diagnostics).describe(value, path));
        }
        return new Section(node, path, diagnostics, knownKeys, passThrough);
    }

    static Section open(JsonNode value, String path, Diagnostics diagnostics, List<String> knownKeys) {
        return open(value, path, diagnostics, knownKeys, key -> false);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return SourceMap.child(path, key);
    }

    ObjectNode node() {
        return node;
    }

    Scalars scalars() {
        return scalars;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    boolean has(String key) {
        return node.has(checkKnown(key));
    }

    /** The value of {@code key}, or empty when absent. */
    Optional<JsonNode> get(String key) {
        return Optional.ofNullable(node.get(checkKnown(key)));
    }

    Optional<String> string(String key) {
        return get(key).flatMap(value -> scalars.nonEmptyString(value, path(key)));
    }

    /** A key that must be present; reports it at the enclosing key if it is not. */
    Optional<String> requiredString(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return string(key);
    }

    Optional<Integer> integer(String key, int min, int max) {
        return get(key).flatMap(value -> scalars.integer(value, path(key), min, max));
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(value -> scalars.bool(value, path(key)));
    }

    Optional<Duration> duration(String key) {
        return get(key).flatMap(value -> scalars.duration(value, path(key)));
    }

    /** A duration that must be more than zero. */
    Optional<Duration> positiveDuration(String key) {
        Optional<Duration> duration = duration(key);
        if (duration.isPresent() && duration.get().isZero()) {
            diagnostics.error(path(key), "must be more than 0s");
            return Optional.empty();
        }
        return duration;
    }

    /** The required {@code type:} of a plugin's entry, shaped like a factory name; empty string when invalid. */
    String pluginType() {
        String type = requiredString("type").orElse("");
        if (!type.isEmpty() && !PLUGIN_TYPE.matcher(type).matches()) {
            diagnostics.error(path("type"), "must be a plugin type name like `script` ([a-z][a-z0-9-]*) (was '" + type + "')");
            return "";
        }
        return type;
    }

    Optional<InetAddress> address(String key) {
        return get(key).flatMap(value -> scalars.address(value, path(key)));
    }

    <E extends Enum<E>> Optional<E> enumeration(String key, Class<E> type) {
        return get(key).flatMap(value -> scalars.enumeration(value, path(key), type));
    }

    /**
     * The items of a list; a single scalar is a list of one ({@code unicast_peer: 10.0.0.2}), null or
     * absent is empty.
     */
    List<Item> list(String key) {
        Optional<JsonNode> value = get(key);
        List<Item> items = new ArrayList<>();
        if (value.isEmpty() || value.get().isNull()) {
            return items;
        }
        String listPath = path(key);
        if (value.get().isArray()) {
            for (int i = 0; i < value.get().size(); i++) {
                items.add(new Item(value.get().get(i), SourceMap.item(listPath, i)));
            }
        } else if (value.get().isObject()) {
            diagnostics.error(listPath, "expected a list, found a mapping");
        } else {
            items.add(new Item(value.get(), listPath));
        }
        return items;
    }

    /** The strings of a list. */
    List<String> strings(String key) {
        List<String> strings = new ArrayList<>();
        for (Item item : list(key)) {
            scalars.nonEmptyString(item.value(), item.path()).ifPresent(strings::add);
        }
        return strings;
    }

    /** A copy of the keys {@code selected} picks, for a plugin. */
    ObjectNode copyOf(Predicate<String> selected) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (selected.test(entry.getKey())) {
                copy.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return copy;
    }

    void missing(String key) {
        diagnostics.keyError(path, "missing required key `" + key + "`");
    }

    /** Reports every key that is neither known nor passed through. */
    void rejectUnknownKeys() {
        rejectUnknownKeys(Map.of());
    }

    /** As {@link #rejectUnknownKeys()}, with hints for keys people bring from keepalived. */
    void rejectUnknownKeys(Map<String, String> hints) {
        rejectUnknownKeys(hints, List.of());
    }

    /**
     * As {@link #rejectUnknownKeys(Map)}; {@code passedOn} names well-known keys that are passed to a
     * plugin, so that a misspelt one ({@code notfy_master}) is still recognised.
     */
    void rejectUnknownKeys(Map<String, String> hints, List<String> passedOn) {
        List<String> candidates = new java.util.ArrayList<>(knownKeys);
        candidates.addAll(passedOn);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (knownKeys.contains(key) || passThrough.test(key)) {
                continue;
            }
            String hint = hints.containsKey(key) ? "; did you mean `" + hints.get(key) + "`?" : DidYouMean.hint(key, candidates);
            if (hint.isEmpty() && knownKeys.size() <= 8) {
                hint = "; expected one of " + String.join(", ", knownKeys);
            }
            diagnostics.keyError(path(key), "unknown key `" + key + "`" + hint);
        }
    }

    private String checkKnown(String key) {
        if (!knownKeys.contains(key)) {
            throw new IllegalArgumentException("binding a key not declared for " + path + ": " + key);
        }
        return key;
    }

    /** One list item and where it is. */
    record Item(JsonNode value, String path) {}
}
