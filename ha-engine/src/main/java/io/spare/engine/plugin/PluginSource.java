package io.spare.engine.plugin;

import static java.util.Objects.requireNonNull;

/**
 * Where a plugin came from, for messages: the class path, or a {@code plugins/<name>/} directory.
 *
 * @param description {@code class path (ha-vrrp-0.1.0.jar)} or {@code /opt/spare/plugins/script}
 * @param loader the class loader its classes come from
 */
public record PluginSource(String description, ClassLoader loader) {
    public PluginSource {
        requireNonNull(description, "description");
        requireNonNull(loader, "loader");
    }

    @Override
    public String toString() {
        return description;
    }
}
