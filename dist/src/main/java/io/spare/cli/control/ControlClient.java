package io.spare.cli.control;

import io.spare.api.DurationText;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Asks a running daemon for its status over the control socket. */
public final class ControlClient {
    /** 1000 instances come to about 1 MiB; far more than that is not a status document. */
    private static final int LIMIT = 64 * 1024 * 1024;

    private ControlClient() {}

    /**
     * @return the daemon's document, as sent
     * @throws IOException with a message that says why, for the operator
     */
    public static byte[] fetch(Path path, Duration timeout) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no Spare daemon at " + path + ": the socket does not exist (is spare running, and with this --control-socket?)");
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                throw new IOException(connectProblem(path, e), e);
            }
            try {
                return DeadlineIo.readToEnd(channel, timeout, LIMIT);
            } catch (DeadlineIo.DeadlineException e) {
                throw new IOException("the Spare daemon at " + path + " did not answer within " + DurationText.format(timeout), e);
            }
        }
    }

    private static String connectProblem(Path path, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Permission denied")) {
            return path + ": permission denied (ask as root or as a member of the socket's group, spare for the packaged service)";
        }
        if (message.contains("Connection refused")) {
            return "no Spare daemon answers at " + path + ": the socket is left from one that is no longer running";
        }
        return path + ": " + message;
    }
}
