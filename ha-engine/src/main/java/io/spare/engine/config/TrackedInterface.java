package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

/**
 * One entry of an instance's {@code track_interface}: while this interface is down, the instance
 * goes to FAULT (weight 0, the default) or its priority moves by {@code weight} (-253..253).
 */
public record TrackedInterface(String name, int weight) {
    public TrackedInterface {
        requireNonNull(name, "name");
    }
}
