package io.spare.engine.bootstrap;

import io.spare.api.AddressBinder;
import io.spare.api.AddressBinderFactory;
import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.AdvertTransport;
import io.spare.api.AdvertTransportFactory;
import io.spare.api.ChannelSpec;
import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.LinkMonitor;
import io.spare.api.LinkMonitorFactory;
import io.spare.api.Notifier;
import io.spare.api.NotifierFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import io.spare.api.SparePlugin;
import io.spare.api.VrrpChannel;
import io.spare.engine.testing.RecordingNotifier;
import io.spare.engine.testing.TestingAddressBinder;
import io.spare.engine.testing.TestingLinkMonitor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Platform adapters and plugins for wiring tests, found through a test-only services file: a
 * transport that talks to nobody (a lone node), an in-memory binder and link monitor, a {@code tcp}
 * check with a validated block and a recording {@code script} notifier. What they record is static,
 * because ServiceLoader creates the plugin.
 */
public final class TestingPlatformPlugin implements SparePlugin {
    static final List<Advertisement> SENT = new CopyOnWriteArrayList<>();
    static final TestingAddressBinder.Ledger LEDGER = new TestingAddressBinder.Ledger();
    static final RecordingNotifier NOTIFIER = new RecordingNotifier();

    /** The {@code tcp} check's block. */
    public record TcpConfig(String host, int port) {}

    @Override
    public List<HealthCheckFactory> healthCheckFactories() {
        return List.of(new HealthCheckFactory() {
            @Override
            public String name() {
                return "tcp";
            }

            @Override
            public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
                TcpConfig tcp = config.bind(TcpConfig.class);
                if (tcp.port() < 1 || tcp.port() > 65535) {
                    throw new PluginConfigException("port", "must be 1..65535 (was " + tcp.port() + ")");
                }
                return timeout -> CheckResult.passed();
            }
        });
    }

    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(new NotifierFactory() {
            @Override
            public String name() {
                return "script";
            }

            @Override
            public Notifier create(PluginConfig config, PluginContext context) {
                return NOTIFIER;
            }
        });
    }

    @Override
    public List<AdvertTransportFactory> advertTransportFactories() {
        return List.of(new AdvertTransportFactory() {
            @Override
            public String name() {
                return "raw";
            }

            @Override
            public AdvertTransport create(PluginContext context) {
                return new LoneTransport();
            }
        });
    }

    @Override
    public List<AddressBinderFactory> addressBinderFactories() {
        return List.of(new AddressBinderFactory() {
            @Override
            public String name() {
                return "netlink";
            }

            @Override
            public AddressBinder create(PluginContext context) {
                return new TestingAddressBinder("node", context.ticker(), LEDGER);
            }
        });
    }

    @Override
    public List<LinkMonitorFactory> linkMonitorFactories() {
        return List.of(new LinkMonitorFactory() {
            @Override
            public String name() {
                return "netlink";
            }

            @Override
            public LinkMonitor create(PluginContext context) {
                return new TestingLinkMonitor();
            }
        });
    }

    /** Sends into the void: a lone node hears nobody and becomes MASTER. */
    private static final class LoneTransport implements AdvertTransport {
        @Override
        public VrrpChannel open(ChannelSpec spec, AdvertListener listener) {
            return new VrrpChannel() {
                @Override
                public InetAddress sourceAddress() {
                    return InetAddress.getLoopbackAddress();
                }

                @Override
                public void send(Advertisement advertisement) {
                    SENT.add(advertisement);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }

    static Duration settle() {
        return Duration.ofSeconds(10);
    }
}
