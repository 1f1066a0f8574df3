package io.spare.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.SparePlugin;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManagerTest {
    @TempDir
    Path work;

    private final PluginManager manager = new PluginManager(PluginManagerTest.class.getClassLoader());

    @Test
    void loadsEachPluginDirectoryInItsOwnClassLoader() throws Exception {
        Path plugins = work.resolve("plugins");
        PluginJars.checkPlugin(work, "plugins/alpha/alpha.jar", "org.example.alpha", "alpha");
        PluginJars.checkPlugin(work, "plugins/beta/beta.jar", "org.example.beta", "beta");

        LoadedPlugins loaded = manager.load(Optional.of(plugins));

        FactoryRegistry.Registered<HealthCheckFactory> alpha = loaded.checks().find("alpha").orElseThrow();
        FactoryRegistry.Registered<HealthCheckFactory> beta = loaded.checks().find("beta").orElseThrow();
        assertThat(alpha.source().description()).isEqualTo(plugins.resolve("alpha").toString());
        assertThat(alpha.source().loader()).isNotSameAs(beta.source().loader());
        // The SPI is shared with the engine; the engine's own classes are not visible to a plugin.
        assertThat(alpha.source().loader().loadClass(SparePlugin.class.getName())).isSameAs(SparePlugin.class);
        assertThatThrownBy(() -> alpha.source().loader().loadClass(PluginManager.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> alpha.source().loader().loadClass("com.google.common.collect.ImmutableList"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void callsIntoAPluginRunWithItsClassLoaderAsContextLoader() throws Exception {
        PluginJars.checkPlugin(work, "plugins/alpha/alpha.jar", "org.example.alpha", "alpha");
        FactoryRegistry.Registered<HealthCheckFactory> alpha =
                manager.load(Optional.of(work.resolve("plugins"))).checks().find("alpha").orElseThrow();
        HealthCheck check = new ContainedHealthCheck(
                alpha.factory().create(TestingPluginConfig.of(Map.of()), TestingPluginContext.defaults(work)), alpha.source().loader());

        CheckResult result = check.run(Duration.ofSeconds(1));

        assertThat(result.message()).isEqualTo("plugin-alpha");
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(alpha.source().loader());
    }

    @Test
    void aDuplicateTypeNameNamesBothPlugins() throws Exception {
        PluginJars.checkPlugin(work, "plugins/one/one.jar", "org.example.one", "tcp");
        PluginJars.checkPlugin(work, "plugins/two/two.jar", "org.example.two", "tcp");

        assertThatThrownBy(() -> manager.load(Optional.of(work.resolve("plugins"))))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> assertThat(e.problems()).containsExactly(
                        "duplicate check type 'tcp': provided by " + work.resolve("plugins/one") + " and by " + work.resolve("plugins/two")));
    }

    @Test
    void aBrokenPluginIsReportedWithItsPathAndDoesNotHideTheOthers() throws Exception {
        PluginJars.checkPlugin(work, "plugins/good/good.jar", "org.example.good", "good");
        PluginJars.build(work, "plugins/broken/broken.jar", Map.of(), "org.example.Missing\n");
        Files.createDirectories(work.resolve("plugins/empty"));
        PluginJars.build(work, "plugins/noservice/x.jar", Map.of("org.example.x.X", "package org.example.x; public class X {}"), null);
        PluginJars.checkPlugin(work, "plugins/badname/b.jar", "org.example.badname", "Bad_Name");

        assertThatThrownBy(() -> manager.load(Optional.of(work.resolve("plugins"))))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith(work.resolve("plugins/broken") + ": broken plugin:").contains("org.example.Missing"));
                    assertThat(e.problems()).contains(
                            work.resolve("plugins/empty") + ": no jar files in plugin directory",
                            work.resolve("plugins/noservice") + ": no plugin found (its jar needs META-INF/services/io.spare.api.SparePlugin)",
                            work.resolve("plugins/badname") + ": check type name 'Bad_Name' of org.example.badname.Plugin$1 must match [a-z][a-z0-9-]*");
                    assertThat(e.problems()).noneMatch(p -> p.contains("plugins/good"));
                });
    }

    @Test
    void anUnknownTypeListsTheAvailableOnes() throws Exception {
        PluginJars.checkPlugin(work, "plugins/alpha/alpha.jar", "org.example.alpha", "alpha");
        PluginJars.checkPlugin(work, "plugins/beta/beta.jar", "org.example.beta", "beta");
        FactoryRegistry<HealthCheckFactory> checks = manager.load(Optional.of(work.resolve("plugins"))).checks();

        assertThat(checks.find("gamma")).isEmpty();
        assertThat(checks.unknownMessage("gamma")).isEqualTo("unknown check type 'gamma' (available: alpha, beta)");
    }

    @Test
    void aMissingPluginDirectoryIsNoPlugins() throws Exception {
        LoadedPlugins loaded = manager.load(Optional.of(work.resolve("nowhere")));
        assertThat(loaded.checks().names()).isEmpty();
    }
}
