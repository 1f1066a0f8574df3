package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of {@code notifiers:}: a notifier plugin beyond the built-in script hooks and mail.
 *
 * @param name the notifier's name
 * @param type the plugin's {@code type:} name
 * @param instances {@code instances}: the instances and groups it hears of; empty for all
 * @param options the type-specific keys
 */
public record NotifierConfig(String name, String type, List<String> instances, ConfigBlock options) {
    public NotifierConfig {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        instances = List.copyOf(instances);
        requireNonNull(options, "options");
    }
}
