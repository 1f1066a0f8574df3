package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinder;
import io.spare.api.AdvertTransport;
import io.spare.api.HealthCheck;
import io.spare.api.LinkMonitor;
import io.spare.engine.notify.NotifierRoute;
import java.util.List;
import java.util.Map;

/**
 * The adapters the engine drives, created by the wiring. The engine does not close them (the wiring
 * owns them); it closes only the channels it opened.
 *
 * @param transport carries adverts
 * @param binder adds, removes and announces VIPs
 * @param linkMonitor interface facts and link/address events
 * @param checks every configured check by name
 * @param notifiers where transitions go
 */
public record EnginePorts(
        AdvertTransport transport,
        AddressBinder binder,
        LinkMonitor linkMonitor,
        Map<String, HealthCheck> checks,
        List<NotifierRoute> notifiers) {

    public EnginePorts {
        requireNonNull(transport, "transport");
        requireNonNull(binder, "binder");
        requireNonNull(linkMonitor, "linkMonitor");
        checks = Map.copyOf(checks);
        notifiers = List.copyOf(notifiers);
    }
}
