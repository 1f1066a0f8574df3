package io.spare.api;

/**
 * A factory registered under the {@code type:} name used in {@code spare.yaml}. Names are lower case,
 * {@code [a-z][a-z0-9-]*}, and unique across all plugins of one kind. Factories are stateless: they
 * bind and validate configuration and create ports, but open nothing until the port is started.
 */
public interface NamedFactory {
    String name();
}
