package io.spare.vrrp.transport;

import io.spare.api.AdvertTransportFactory;
import io.spare.api.SparePlugin;
import java.util.List;

/** Contributes the {@code raw} VRRP transport. */
public final class VrrpTransportPlugin implements SparePlugin {
    @Override
    public List<AdvertTransportFactory> advertTransportFactories() {
        return List.of(new RawAdvertTransportFactory());
    }
}
