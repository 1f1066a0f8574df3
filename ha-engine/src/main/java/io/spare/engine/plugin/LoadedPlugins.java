package io.spare.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinderFactory;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.HealthCheckFactory;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.NotifierFactory;
import java.util.List;

/** Every factory contributed by the class path and the {@code plugins/} directories. */
public record LoadedPlugins(
        FactoryRegistry<HealthCheckFactory> checks,
        FactoryRegistry<NotifierFactory> notifiers,
        FactoryRegistry<AdvertTransportFactory> transports,
        FactoryRegistry<AddressBinderFactory> binders,
        FactoryRegistry<LinkMonitorFactory> linkMonitors,
        List<PluginSource> sources) {

    public LoadedPlugins {
        requireNonNull(checks, "checks");
        requireNonNull(notifiers, "notifiers");
        requireNonNull(transports, "transports");
        requireNonNull(binders, "binders");
        requireNonNull(linkMonitors, "linkMonitors");
        sources = List.copyOf(sources);
    }
}
