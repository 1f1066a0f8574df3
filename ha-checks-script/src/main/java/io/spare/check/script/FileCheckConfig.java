package io.spare.check.script;

import java.nio.file.Path;

/**
 * The keys of a {@code type: file} check: a maintenance switch, or keepalived's {@code track_file}.
 *
 * @param path the file; relative to the config directory unless absolute
 * @param exists with {@code mode: exists}: {@code fail} (default) fails while the file exists
 *     (touch it to drain a node), {@code ok} passes only while it exists
 * @param mode {@code exists} (default) or {@code value}: the integer in the file is the result, as
 *     keepalived's {@code track_file} (a missing or empty file reads as 0)
 */
public record FileCheckConfig(Path path, Exists exists, Mode mode) {
    public enum Exists {
        FAIL,
        OK
    }

    public enum Mode {
        EXISTS,
        VALUE
    }
}
