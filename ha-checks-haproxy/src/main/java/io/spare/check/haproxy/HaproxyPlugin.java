package io.spare.check.haproxy;

import io.spare.api.HealthCheckFactory;
import io.spare.api.SparePlugin;
import java.util.List;

/** Contributes the {@code type: haproxy} health check. */
public final class HaproxyPlugin implements SparePlugin {
    @Override
    public List<HealthCheckFactory> healthCheckFactories() {
        return List.of(new HaproxyCheckFactory());
    }
}
