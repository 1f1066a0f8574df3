package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.HealthCheck;
import io.spare.api.HealthCheckFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code type: file}: see {@link FileCheckConfig}. */
final class FileCheckFactory implements HealthCheckFactory {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public HealthCheck create(PluginConfig config, PluginContext context) throws PluginConfigException {
        FileCheckConfig bound = config.bind(FileCheckConfig.class);
        List<ConfigProblem> problems = new ArrayList<>();
        if (bound.path() == null || bound.path().toString().isBlank()) {
            problems.add(new ConfigProblem("path", "is required"));
        }
        FileCheckConfig.Mode mode = bound.mode() == null ? FileCheckConfig.Mode.EXISTS : bound.mode();
        if (mode == FileCheckConfig.Mode.VALUE && bound.exists() != null) {
            problems.add(new ConfigProblem("exists", "applies to mode: exists only; mode: value reads the number in the file"));
        }
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        Path path = context.configDirectory().resolve(bound.path()).toAbsolutePath().normalize();
        if (path.getParent() != null && !java.nio.file.Files.isDirectory(path.getParent())) {
            config.warn("path", path.getParent() + " does not exist: the file is checked every interval until it does");
        }
        FileCheckConfig.Exists exists = bound.exists() == null ? FileCheckConfig.Exists.FAIL : bound.exists();
        return new FileCheck(path, exists, mode, context.ticker());
    }
}
