package io.spare.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AddressBinderFactory;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.NamedFactory;
import io.spare.api.PluginContext;
import io.spare.api.SparePlugin;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NetlinkPluginTest {
    @Test
    void serviceLoaderFindsExactlyThisPlugin() {
        List<SparePlugin> plugins = ServiceLoader.load(SparePlugin.class, NetlinkPluginTest.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(plugins).singleElement().isInstanceOf(NetlinkPlugin.class);
    }

    @Test
    void contributesBinderAndMonitorNamedNetlink() {
        NetlinkPlugin plugin = new NetlinkPlugin();

        assertThat(plugin.addressBinderFactories()).extracting(NamedFactory::name).containsExactly("netlink");
        assertThat(plugin.linkMonitorFactories()).extracting(NamedFactory::name).containsExactly("netlink");
        assertThat(plugin.healthCheckFactories()).isEmpty();
        assertThat(plugin.advertTransportFactories()).isEmpty();
    }

    @Test
    void factoriesCreateTheNetlinkPortsWithoutOpeningAnything() {
        NetlinkPlugin plugin = new NetlinkPlugin();
        AddressBinderFactory binders = plugin.addressBinderFactories().get(0);
        LinkMonitorFactory monitors = plugin.linkMonitorFactories().get(0);

        PluginContext context = TestingPluginContext.defaults(Path.of("."));
        try (var binder = binders.create(context); var monitor = monitors.create(context)) {
            assertThat(binder).isInstanceOf(NetlinkAddressBinder.class);
            assertThat(monitor).isInstanceOf(NetlinkLinkMonitor.class);
        }
    }
}
