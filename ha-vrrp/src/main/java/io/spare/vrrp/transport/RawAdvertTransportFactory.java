package io.spare.vrrp.transport;

import io.spare.api.AdvertTransport;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.PluginContext;

/** The {@code raw} transport: VRRP over raw IP sockets, as keepalived. */
public final class RawAdvertTransportFactory implements AdvertTransportFactory {
    public static final String NAME = "raw";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdvertTransport create(PluginContext context) {
        return new RawSocketAdvertTransport(context.ticker());
    }
}
