package io.spare.engine.plugin;

import io.spare.api.NamedFactory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The factories of one kind (checks, notifiers, ...), by {@code type:} name. Built once at startup;
 * immutable afterwards.
 */
public final class FactoryRegistry<F extends NamedFactory> {
    private final String kind;
    private final Map<String, Registered<F>> factories;

    /** A factory and the plugin that contributed it. */
    public record Registered<F>(F factory, PluginSource source) {}

    FactoryRegistry(String kind, Map<String, Registered<F>> factories) {
        this.kind = kind;
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** e.g. {@code check}, {@code notifier}. */
    public String kind() {
        return kind;
    }

    public Optional<Registered<F>> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The names available, sorted, for "unknown type" messages. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    public Map<String, Registered<F>> all() {
        return factories;
    }

    /** {@code unknown check type 'scrpt' (available: file, haproxy, script)}. */
    public String unknownMessage(String name) {
        return "unknown " + kind + " type '" + name + "' (available: "
                + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())) + ")";
    }
}
