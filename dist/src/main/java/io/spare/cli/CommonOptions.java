package io.spare.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code check} share. */
final class CommonOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "the spare.yaml to use")
    Path config;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "where the plugins/<name>/ directories are (default: the installation's plugins/)")
    Path plugins;

    /** The launcher sets {@code spare.plugins} to the installation's {@code plugins/}. */
    Optional<Path> pluginsDirectory() {
        if (plugins != null) {
            return Optional.of(plugins);
        }
        return Optional.ofNullable(System.getProperty("spare.plugins")).map(Path::of);
    }
}
