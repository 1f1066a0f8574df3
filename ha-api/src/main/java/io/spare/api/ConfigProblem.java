package io.spare.api;

import static java.util.Objects.requireNonNull;

/**
 * One problem in a plugin's block.
 *
 * @param key the key it concerns, relative to the block and dotted for nested keys (e.g. {@code
 *     backends.web.min_up}); empty for the block itself
 * @param message what was expected and what was found, e.g. {@code must be 1..100 (was 300)}
 */
public record ConfigProblem(String key, String message) {
    public ConfigProblem {
        requireNonNull(key, "key");
        requireNonNull(message, "message");
    }
}
