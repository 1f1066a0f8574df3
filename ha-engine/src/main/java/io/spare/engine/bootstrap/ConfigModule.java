package io.spare.engine.bootstrap;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.spare.engine.config.LoadedConfig;
import io.spare.engine.config.SpareConfig;

/** The validated configuration. */
final class ConfigModule extends AbstractModule {
    private final LoadedConfig loaded;

    ConfigModule(LoadedConfig loaded) {
        this.loaded = requireNonNull(loaded, "loaded");
    }

    @Override
    protected void configure() {
        bind(LoadedConfig.class).toInstance(loaded);
        bind(SpareConfig.class).toInstance(loaded.config());
    }
}
