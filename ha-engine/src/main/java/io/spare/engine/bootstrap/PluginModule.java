package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.spare.api.AddressBinder;
import io.spare.api.AdvertTransport;
import io.spare.api.HealthCheckFactory;
import io.spare.api.LinkMonitor;
import io.spare.api.NotifierFactory;
import io.spare.api.PluginContext;
import io.spare.engine.plugin.LoadedPlugins;

/**
 * The factories every plugin contributed (by {@code type:} name), the ports created from the
 * configuration, and the platform adapters. Plugins were loaded before the injector: this only binds.
 */
final class PluginModule extends AbstractModule {
    private final LoadedPlugins plugins;
    private final PreparedPlugins prepared;

    PluginModule(LoadedPlugins plugins, PreparedPlugins prepared) {
        this.plugins = requireNonNull(plugins, "plugins");
        this.prepared = requireNonNull(prepared, "prepared");
    }

    @Override
    protected void configure() {
        bind(LoadedPlugins.class).toInstance(plugins);
        bind(PreparedPlugins.class).toInstance(prepared);
        MapBinder<String, HealthCheckFactory> checks = MapBinder.newMapBinder(binder(), String.class, HealthCheckFactory.class);
        plugins.checks().all().forEach((name, registered) -> checks.addBinding(name).toInstance(registered.factory()));
        MapBinder<String, NotifierFactory> notifiers = MapBinder.newMapBinder(binder(), String.class, NotifierFactory.class);
        plugins.notifiers().all().forEach((name, registered) -> notifiers.addBinding(name).toInstance(registered.factory()));
    }

    @Provides
    @Singleton
    AdvertTransport transport(PreparedPlugins prepared, PluginContext context) {
        return prepared.transport().factory().create(context);
    }

    @Provides
    @Singleton
    AddressBinder addressBinder(PreparedPlugins prepared, PluginContext context) {
        return prepared.binder().factory().create(context);
    }

    @Provides
    @Singleton
    LinkMonitor linkMonitor(PreparedPlugins prepared, PluginContext context) {
        return prepared.linkMonitor().factory().create(context);
    }
}
