package io.spare.api;

/** Creates the {@link AdvertTransport} that carries VRRP adverts (for example over raw sockets). */
public interface AdvertTransportFactory extends NamedFactory {
    AdvertTransport create(PluginContext context);
}
