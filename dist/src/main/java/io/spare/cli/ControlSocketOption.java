package io.spare.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code run} serves its status and {@code status} asks for it. */
final class ControlSocketOption {
    static final String DEFAULT = "/run/spare/spare.sock";

    @Option(names = "--control-socket", paramLabel = "PATH", defaultValue = "${env:SPARE_CONTROL_SOCKET:-" + DEFAULT + "}",
            description = "the daemon's status socket (default: $SPARE_CONTROL_SOCKET, else " + DEFAULT + ")")
    Path path;
}
