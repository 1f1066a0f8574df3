package io.spare.api;

import java.util.List;

/**
 * The one entry point of a plugin, found with {@link java.util.ServiceLoader}. Every method defaults
 * to nothing, so a plugin overrides only what it contributes.
 */
public interface SparePlugin {
    default List<HealthCheckFactory> healthCheckFactories() {
        return List.of();
    }

    default List<NotifierFactory> notifierFactories() {
        return List.of();
    }

    default List<AdvertTransportFactory> advertTransportFactories() {
        return List.of();
    }

    default List<AddressBinderFactory> addressBinderFactories() {
        return List.of();
    }

    default List<LinkMonitorFactory> linkMonitorFactories() {
        return List.of();
    }
}
