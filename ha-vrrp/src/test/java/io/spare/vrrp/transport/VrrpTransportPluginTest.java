package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AdvertTransport;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.SparePlugin;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpTransportPluginTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsExactlyThePluginAndItOffersTheRawTransport() {
        List<SparePlugin> plugins = ServiceLoader.load(SparePlugin.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0)).isInstanceOf(VrrpTransportPlugin.class);

        List<AdvertTransportFactory> factories = plugins.get(0).advertTransportFactories();
        assertThat(factories).extracting(AdvertTransportFactory::name).containsExactly("raw");
        assertThat(plugins.get(0).healthCheckFactories()).isEmpty();
        try (AdvertTransport transport = factories.get(0).create(TestingPluginContext.defaults(dir))) {
            assertThat(transport).isInstanceOf(RawSocketAdvertTransport.class);
        }
    }
}
