package org.example.spare.tcp;

import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;

/** {@code type: tcp-port}. Validates the block; opens nothing ({@code spare check} calls this too). */
public final class TcpPortCheckFactory implements HealthCheckFactory {
    @Override
    public String name() {
        return "tcp-port";
    }

    @Override
    public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
        TcpPortConfig tcp = config.bind(TcpPortConfig.class);
        if (tcp.port() < 1 || tcp.port() > 65535) {
            throw new PluginConfigException("port", "must be 1..65535 (was " + tcp.port() + ")");
        }
        return new TcpPortCheck(tcp.host(), tcp.port());
    }
}
