package io.spare.api;

/** Creates {@link HealthCheck}s of one {@code type:}. */
public interface HealthCheckFactory extends NamedFactory {
    /**
     * Binds and validates one check's block. Must not start processes or open sockets: {@code spare
     * check} calls this too.
     *
     * @param config the check's YAML block, minus the keys every check shares (type, interval,
     *     timeout, rise, fall, weight, init_fail)
     * @throws PluginConfigException listing every problem found, each naming its key
     */
    HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException;
}
