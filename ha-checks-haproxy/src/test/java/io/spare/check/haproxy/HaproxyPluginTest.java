package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.HealthCheckFactory;
import io.spare.api.SparePlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HaproxyPluginTest {
    @Test
    void serviceLoaderFindsExactlyThePlugin() {
        List<SparePlugin> plugins = ServiceLoader.load(SparePlugin.class, HaproxyPluginTest.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0)).isExactlyInstanceOf(HaproxyPlugin.class);
    }

    @Test
    void contributesOnlyTheHaproxyCheck() {
        SparePlugin plugin = new HaproxyPlugin();
        assertThat(plugin.healthCheckFactories()).extracting(HealthCheckFactory::name).containsExactly("haproxy");
        assertThat(plugin.notifierFactories()).isEmpty();
        assertThat(plugin.advertTransportFactories()).isEmpty();
    }
}
