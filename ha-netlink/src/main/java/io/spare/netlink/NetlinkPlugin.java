package io.spare.netlink;

import io.spare.api.AddressBinder;
import io.spare.api.AddressBinderFactory;
import io.spare.api.LinkMonitor;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.PluginContext;
import io.spare.api.SparePlugin;
import java.util.List;

/** Contributes the rtnetlink address binder and link monitor, both named {@value #NAME}. */
public final class NetlinkPlugin implements SparePlugin {
    public static final String NAME = "netlink";

    @Override
    public List<AddressBinderFactory> addressBinderFactories() {
        return List.of(new AddressBinderFactory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public AddressBinder create(PluginContext context) {
                return new NetlinkAddressBinder(context.ticker());
            }
        });
    }

    @Override
    public List<LinkMonitorFactory> linkMonitorFactories() {
        return List.of(new LinkMonitorFactory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public LinkMonitor create(PluginContext context) {
                return new NetlinkLinkMonitor();
            }
        });
    }
}
