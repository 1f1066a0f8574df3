package io.spare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.cli.control.ControlServer;
import io.spare.cli.control.StatusFixtures;
import io.spare.cli.control.StatusJson;
import io.spare.engine.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheDaemonsStatusAsATableOrAsItsJson() throws Exception {
        Path socket = dir.resolve("spare.sock");
        byte[] document = StatusJson.encode(StatusFixtures.sample());
        try (ControlServer server = ControlServer.start(socket, () -> document)) {
            assertThat(run("status", "--control-socket", socket.toString())).isEqualTo(ConfigException.EXIT_OK);
            assertThat(out.toString()).contains("VI_DB     BACKUP", "  ! version_mismatch: 10.99.1.9 (v2)").doesNotContain("{");

            out.getBuffer().setLength(0);
            assertThat(run("status", "--json", "--control-socket", socket.toString())).isEqualTo(ConfigException.EXIT_OK);
            assertThat(out.toString()).startsWith("{").contains("\"name\" : \"VI_DB\"");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void withoutADaemonItSaysWhereItLookedAndExits1() {
        Path socket = dir.resolve("nothing.sock");
        assertThat(run("status", "--control-socket", socket.toString())).isEqualTo(ConfigException.EXIT_FAILURE);
        assertThat(err.toString()).startsWith("spare: no Spare daemon at " + socket);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDaemonThatCannotTellItsStatusIsAFailureWithItsReason() throws Exception {
        Path socket = dir.resolve("spare.sock");
        try (ControlServer server = ControlServer.start(socket, () -> StatusJson.error("the event loop did not answer"))) {
            assertThat(run("status", "--control-socket", socket.toString())).isEqualTo(ConfigException.EXIT_FAILURE);
            assertThat(err.toString()).contains("the daemon could not give its status: the event loop did not answer");
        }
    }

    private int run(String... args) {
        CommandLine commandLine = Spare.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
