package io.spare.cli.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void everyClientGetsAFreshAnswerThroughAPrivateSocketThatCloseRemoves() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Path path = dir.resolve("run/spare.sock");
        try (ControlServer server = ControlServer.start(path, () -> ("answer " + asked.incrementAndGet()).getBytes(StandardCharsets.UTF_8))) {
            assertThat(server.path()).isEqualTo(path);
            assertThat(text(ControlClient.fetch(path, TIMEOUT))).isEqualTo("answer 1");
            assertThat(text(ControlClient.fetch(path, TIMEOUT))).isEqualTo("answer 2");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
            try (var files = Files.list(path.getParent())) {
                assertThat(files).as("no temporary name left behind").containsExactly(path);
            }
        }
        assertThat(path).doesNotExist();
        assertThatThrownBy(() -> ControlClient.fetch(path, TIMEOUT))
                .hasMessageContaining("no Spare daemon at " + path).hasMessageContaining("does not exist");
    }

    @Test
    void aSocketLeftByADeadDaemonIsReplacedButALiveOneIsNotTaken() throws Exception {
        Path path = dir.resolve("spare.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(path));
        dead.close(); // the file stays, as after a SIGKILL
        assertThatThrownBy(() -> ControlClient.fetch(path, TIMEOUT))
                .hasMessageContaining("no Spare daemon answers at " + path).hasMessageContaining("no longer running");

        try (ControlServer first = ControlServer.start(path, () -> bytes("first"))) {
            assertThat(text(ControlClient.fetch(path, TIMEOUT))).isEqualTo("first");
            assertThatThrownBy(() -> ControlServer.start(path, () -> bytes("second")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(path + " is in use by another running Spare");
            assertThat(text(ControlClient.fetch(path, TIMEOUT))).as("the first one keeps it").isEqualTo("first");
        }
    }

    @Test
    void whatIsNotASocketIsNeverReplaced() throws Exception {
        Path path = dir.resolve("spare.sock");
        Files.writeString(path, "precious");
        assertThatThrownBy(() -> ControlServer.start(path, () -> bytes("x")))
                .isInstanceOf(IOException.class).hasMessageContaining(path + " exists and is not a socket");
        assertThat(Files.readString(path)).isEqualTo("precious");
    }

    @Test
    void aPathTooLongForTheKernelIsRefusedWithItsLength() {
        Path path = dir.resolve("x".repeat(100) + ".sock");
        assertThatThrownBy(() -> ControlServer.start(path, () -> bytes("x")))
                .isInstanceOf(IOException.class).hasMessageContaining("too long for a Unix socket");
    }

    @Test
    void aFailingAnswerBecomesAnErrorDocument() throws Exception {
        Path path = dir.resolve("spare.sock");
        try (ControlServer server = ControlServer.start(path, () -> {
            throw new IllegalStateException("the event loop did not answer the status request");
        })) {
            assertThat(StatusJson.decode(ControlClient.fetch(path, TIMEOUT)).path("error").asText())
                    .isEqualTo("the event loop did not answer the status request");
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedAndTheNextOneIsServed() throws Exception {
        Path path = dir.resolve("spare.sock");
        byte[] big = new byte[8 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        try (ControlServer server = ControlServer.start(path, () -> big, Duration.ofMillis(300));
                SocketChannel stuck = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            // stuck connects first and never reads; the server gives up on it after 300 ms
            byte[] answer = ControlClient.fetch(path, TIMEOUT);
            assertThat(answer).hasSize(big.length);
            // what stuck gets is cut short
            stuck.configureBlocking(true);
            long received = 0;
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n; (n = stuck.read(buffer)) >= 0; buffer.clear()) {
                received += n;
            }
            assertThat(received).isLessThan(big.length);
        }
    }

    @Test
    void aDaemonThatNeverAnswersTimesTheClientOut() throws Exception {
        Path path = dir.resolve("spare.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(path));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ControlClient.fetch(path, Duration.ofMillis(200)))
                    .hasMessageContaining("the Spare daemon at " + path + " did not answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
