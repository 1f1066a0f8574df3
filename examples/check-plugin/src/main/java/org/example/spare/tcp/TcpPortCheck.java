package org.example.spare.tcp;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Passes while {@code host:port} accepts a TCP connection within the check's timeout. */
final class TcpPortCheck implements HealthCheck {
    private final String host;
    private final int port;

    TcpPortCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public CheckResult run(Duration timeout) {
        // Spare runs this on a worker thread and enforces the timeout too; the connect timeout
        // makes the check return in time on its own.
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            return CheckResult.passed(host + ":" + port + " accepts connections");
        } catch (IOException e) {
            return CheckResult.failed(host + ":" + port + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "tcp-port " + host + ":" + port;
    }
}
