package io.spare.api;

import java.util.Set;

/**
 * One plugin's YAML block, as the engine read it. Plugins never see Jackson's databind: they bind
 * the block to a class of their own, usually a record with snake_case component names or
 * {@code @JsonProperty}-free names matching the keys.
 *
 * <p>Binding follows the rules of the whole file: unknown keys are errors with a "did you mean" hint,
 * durations are written {@code 2s}, {@code 500ms}, {@code 1m} or as a plain number of seconds, and
 * every problem is reported with the file, line and column of its key.
 */
public interface PluginConfig {
    /** Where this block sits in the file, for messages: e.g. {@code checks.chk_haproxy}. */
    String path();

    /** The keys present in this block. */
    Set<String> keys();

    /**
     * Binds this block to {@code type}.
     *
     * @throws PluginConfigException naming every key that is unknown, missing or of the wrong type
     */
    <T> T bind(Class<T> type) throws PluginConfigException;

    /**
     * Reports a warning located at {@code key} (relative to this block, dotted for nested keys);
     * {@code spare check} prints it and Spare still starts.
     */
    void warn(String key, String message);
}
