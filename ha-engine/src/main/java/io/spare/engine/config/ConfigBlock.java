package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A block of keys the engine does not bind itself but hands to a plugin's factory: a check's
 * type-specific keys, an instance's {@code notify*} hooks, the global SMTP keys.
 *
 * @param path where the block sits in the file, e.g. {@code checks.chk_haproxy}; keys inside are
 *     located as {@code path + "." + key}
 * @param tree the keys, as read (never mutated after loading)
 */
public record ConfigBlock(String path, ObjectNode tree) {
    public ConfigBlock {
        requireNonNull(path, "path");
        requireNonNull(tree, "tree");
    }

    public boolean isEmpty() {
        return tree.isEmpty();
    }
}
