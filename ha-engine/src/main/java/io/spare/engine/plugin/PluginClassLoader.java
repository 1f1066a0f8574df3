package io.spare.engine.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one {@code plugins/<name>/} directory. Its parent is the platform loader, so a
 * plugin sees the JDK and its own jars only; the SPI packages (and the logging API) are delegated to
 * the engine's loader so that a plugin's {@code SparePlugin} is the engine's. A plugin's own
 * dependencies therefore cannot clash with Spare's or with another plugin's.
 */
final class PluginClassLoader extends URLClassLoader {
    /** Packages a plugin shares with the engine, parent-first. Anything else is the plugin's own. */
    static final List<String> SHARED_PACKAGES = List.of("io.spare.api.", "org.apache.logging.log4j.");

    /** Inside the shared prefixes, packages that stay the plugin's (log4j-core is an implementation). */
    private static final List<String> NOT_SHARED = List.of("org.apache.logging.log4j.core.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    PluginClassLoader(String name, List<URL> jars, ClassLoader spiLoader) {
        super(name, jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return spiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static boolean shared(String className) {
        for (String excluded : NOT_SHARED) {
            if (className.startsWith(excluded)) {
                return false;
            }
        }
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
