package io.spare.check.haproxy;

import io.spare.api.DurationText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * Sends one command to HAProxy's runtime API (the {@code stats socket}) and reads the answer.
 * HAProxy answers a non-interactive connection and then closes it, so the answer is everything until
 * end of stream. Every step waits on a {@link Selector} bounded by the deadline: a HAProxy that
 * accepts and never answers costs exactly the deadline, never more.
 */
final class RuntimeApiClient {
    /** A stats dump of thousands of servers is a few MiB; anything past this is not HAProxy. */
    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private final StatsEndpoint endpoint;

    RuntimeApiClient(StatsEndpoint endpoint) {
        if (endpoint instanceof StatsEndpoint.StatsPage) {
            throw new IllegalArgumentException("the runtime API needs a socket, not " + endpoint.display());
        }
        this.endpoint = endpoint;
    }

    String display() {
        return endpoint.display();
    }

    /**
     * @throws ProbeException if the socket cannot be reached, or no whole answer came by the deadline
     * @throws InterruptedException if the thread was interrupted (the engine gave up on the run)
     */
    String query(String command, Deadline deadline) throws ProbeException, InterruptedException {
        try (SocketChannel channel = open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(address())) {
                await(channel, selector, SelectionKey.OP_CONNECT, deadline, "cannot connect to " + display() + " within ");
                channel.finishConnect();
            }
            ByteBuffer request = StandardCharsets.UTF_8.encode(command + "\n");
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) {
                    await(channel, selector, SelectionKey.OP_WRITE, deadline, "could not send " + command + " within ");
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (true) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                if (read == 0) {
                    await(channel, selector, SelectionKey.OP_READ, deadline, "no answer to " + command + " within ");
                    continue;
                }
                answer.write(buffer.array(), 0, read);
                if (answer.size() > MAX_ANSWER_BYTES) {
                    throw ProbeException.failure("answer to " + command + " from " + display() + " is over "
                            + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB: not HAProxy?");
                }
            }
        } catch (ProbeException e) {
            throw e;
        } catch (IOException e) {
            throw ProbeException.failure(describe(e, command));
        }
    }

    private SocketChannel open() throws IOException {
        return endpoint instanceof StatsEndpoint.UnixSocket
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open(((InetSocketAddress) address()).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET);
    }

    private SocketAddress address() throws IOException {
        if (endpoint instanceof StatsEndpoint.UnixSocket unix) {
            return UnixDomainSocketAddress.of(unix.path());
        }
        StatsEndpoint.TcpSocket tcp = (StatsEndpoint.TcpSocket) endpoint;
        InetSocketAddress address = new InetSocketAddress(tcp.host(), tcp.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + tcp.host());
        }
        return address;
    }

    private static void await(SocketChannel channel, Selector selector, int operation, Deadline deadline, String timeoutMessage)
            throws IOException, ProbeException, InterruptedException {
        SelectionKey key = channel.register(selector, operation);
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for HAProxy");
                }
                long millis = deadline.remainingMillisForSelect();
                if (millis == 0) {
                    throw ProbeException.timeout(timeoutMessage + DurationText.format(deadline.budget()));
                }
                selector.select(millis);
                if (key.isValid() && (key.readyOps() & operation) != 0) {
                    selector.selectedKeys().clear();
                    return;
                }
                selector.selectedKeys().clear();
            }
        } finally {
            key.interestOps(0);
        }
    }

    private String describe(IOException e, String command) {
        if (endpoint instanceof StatsEndpoint.UnixSocket unix && !Files.exists(unix.path())) {
            return "cannot connect to " + display() + ": no such socket (is HAProxy running, with a stats socket there?)";
        }
        if (e instanceof NoSuchFileException) {
            return "cannot connect to " + display() + ": no such socket";
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot " + (e instanceof java.net.ConnectException ? "connect to " : "ask " + command + " at ")
                + display() + ": " + reason;
    }
}
