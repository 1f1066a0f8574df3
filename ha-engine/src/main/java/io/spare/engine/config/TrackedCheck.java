package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * One entry of an instance's {@code track_script}: a check name, optionally with a weight that
 * overrides the check's own for this instance ({@code {name: chk_haproxy, weight: -20}}), -253..253;
 * empty means the check's {@code weight}.
 */
public record TrackedCheck(String name, OptionalInt weight) {
    public TrackedCheck {
        requireNonNull(name, "name");
        requireNonNull(weight, "weight");
    }
}
