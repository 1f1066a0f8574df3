package io.spare.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.cli.control.ControlClient;
import io.spare.cli.control.StatusJson;
import io.spare.cli.control.StatusTable;
import io.spare.engine.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what the running daemon knows: each instance's state, priority, master and VIPs, with",
            "anything an operator should act on (fault, version_mismatch, ...), and its checks, sync groups",
            "and notifiers. Exits 1 when no daemon answers."
        })
final class StatusCommand implements Callable<Integer> {
    /** The daemon answers from its event loop, which gives up after 5 s; a little more than that. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ControlSocketOption socket;

    @Option(names = "--json", description = "print the daemon's JSON document as it is (for scripts; see docs/STATUS.md)")
    boolean json;

    @Option(names = "--counters", description = "also print every counter that is not zero: adverts, drops per reason, ...")
    boolean counters;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            byte[] document = ControlClient.fetch(socket.path, TIMEOUT);
            JsonNode status = StatusJson.decode(document);
            if (status.has("error")) {
                err.println("spare: the daemon could not give its status: " + status.path("error").asText());
                return ConfigException.EXIT_FAILURE;
            }
            if (json) {
                out.print(new String(document, StandardCharsets.UTF_8));
                out.println();
            } else {
                StatusTable.print(status, counters, out);
            }
            return ConfigException.EXIT_OK;
        } catch (IOException e) {
            err.println("spare: " + e.getMessage());
            return ConfigException.EXIT_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
