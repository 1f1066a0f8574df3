package io.spare.engine.bootstrap;

import io.spare.api.AddressBinderFactory;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.HealthCheck;
import io.spare.api.LinkMonitorFactory;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.notify.NotifierRoute;
import io.spare.engine.plugin.FactoryRegistry.Registered;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Every plugin port the configuration asks for, created and validated but not started, and the
 * platform factories to create the rest from. Closing it closes the checks and notifiers.
 *
 * @param checks every configured check by name
 * @param notifiers the script hooks, mail and {@code notifiers:} entries with the names they hear
 * @param transport the VRRP transport's factory
 * @param binder the address binder's factory
 * @param linkMonitor the link monitor's factory
 * @param warnings what {@code spare check} prints; Spare starts anyway
 */
public record PreparedPlugins(
        Map<String, HealthCheck> checks,
        List<NotifierRoute> notifiers,
        Registered<AdvertTransportFactory> transport,
        Registered<AddressBinderFactory> binder,
        Registered<LinkMonitorFactory> linkMonitor,
        List<ConfigDiagnostic> warnings) implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PreparedPlugins.class);

    public PreparedPlugins {
        checks = Map.copyOf(checks);
        notifiers = List.copyOf(notifiers);
        warnings = List.copyOf(warnings);
    }

    @Override
    public void close() {
        for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
            closeQuietly("check " + check.getKey(), check.getValue());
        }
        for (NotifierRoute route : notifiers) {
            closeQuietly("notifier " + route.name(), route.notifier());
        }
    }

    static void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", what, e.toString());
        }
    }
}
