package io.spare.engine.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars at test time: compiles sources against the test class path and jars them. */
final class PluginJars {
    private PluginJars() {}

    /**
     * @param sources class name to Java source
     * @param services the lines of META-INF/services/io.spare.api.SparePlugin; null for none
     */
    static Path build(Path workDir, String jarName, Map<String, String> sources, String services) throws IOException {
        Path src = Files.createTempDirectory(workDir, "src");
        Path classes = Files.createTempDirectory(workDir, "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
            args.addAll(files);
            if (compiler.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin did not compile");
            }
        }
        Path jar = workDir.resolve(jarName);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/io.spare.api.SparePlugin"));
                OutputStream stream = out;
                stream.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A plugin contributing one check factory named {@code type}. */
    static Path checkPlugin(Path workDir, String jarPath, String pkg, String type) throws IOException {
        String plugin = pkg + ".Plugin";
        String source = "package " + pkg + ";\n"
                + "import io.spare.api.*;\nimport java.util.List;\nimport java.time.Duration;\n"
                + "public final class Plugin implements SparePlugin {\n"
                + "  public List<HealthCheckFactory> healthCheckFactories() {\n"
                + "    return List.of(new HealthCheckFactory() {\n"
                + "      public String name() { return \"" + type + "\"; }\n"
                + "      public HealthCheck create(PluginConfig c, PluginContext x) {\n"
                + "        return timeout -> CheckResult.passed(Thread.currentThread().getContextClassLoader().getName());\n"
                + "      }\n"
                + "    });\n"
                + "  }\n"
                + "}\n";
        return build(workDir, jarPath, Map.of(plugin, source), plugin + "\n");
    }
}
