package io.spare.check.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.HealthCheckFactory;
import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ScriptPluginTest {
    @Test
    void serviceLoaderWithAnExplicitLoaderFindsExactlyThePlugin() throws Exception {
        // As the engine loads plugins/script/: a loader over the plugin's classes whose parent has ha-api.
        URL classes = Path.of("target/classes").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, SparePlugin.class.getClassLoader())) {
            List<String> found = ServiceLoader.load(SparePlugin.class, loader).stream()
                    .map(provider -> provider.type().getName())
                    .toList();
            assertThat(found).containsExactly(ScriptPlugin.class.getName());
        }
    }

    @Test
    void contributesTheScriptFileAndProcessChecksAndTheScriptNotifier() {
        ScriptPlugin plugin = new ScriptPlugin();
        assertThat(plugin.healthCheckFactories()).extracting(HealthCheckFactory::name).containsExactly("script", "file", "process");
        assertThat(plugin.notifierFactories()).extracting(NotifierFactory::name).containsExactly("script");
        assertThat(plugin.advertTransportFactories()).isEmpty();
    }
}
