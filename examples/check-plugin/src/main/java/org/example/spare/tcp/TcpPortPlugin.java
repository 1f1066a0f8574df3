package org.example.spare.tcp;

import io.spare.api.HealthCheckFactory;
import io.spare.api.SparePlugin;
import java.util.List;

/** The plugin's one entry point, listed in META-INF/services/io.spare.api.SparePlugin. */
public final class TcpPortPlugin implements SparePlugin {
    @Override
    public List<HealthCheckFactory> healthCheckFactories() {
        return List.of(new TcpPortCheckFactory());
    }
}
