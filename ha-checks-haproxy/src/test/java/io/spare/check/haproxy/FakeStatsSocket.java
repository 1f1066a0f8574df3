package io.spare.check.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for HAProxy's stats socket: a UNIX socket server thread that answers each command
 * with a canned text and closes, as HAProxy does in non-interactive mode. In silent mode it accepts
 * and reads but never answers, like a hung HAProxy.
 */
final class FakeStatsSocket implements AutoCloseable {
    private final Path path;
    private final java.net.SocketAddress address;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final Map<String, java.util.function.Supplier<String>> answers = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    FakeStatsSocket(Path path) throws IOException {
        this(path, ServerSocketChannel.open(StandardProtocolFamily.UNIX), UnixDomainSocketAddress.of(path));
    }

    private FakeStatsSocket(Path path, ServerSocketChannel server, java.net.SocketAddress bindTo) throws IOException {
        this.path = path;
        this.server = server;
        server.bind(bindTo);
        this.address = server.getLocalAddress();
        this.thread = new Thread(this::serve, "fake-haproxy-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    /** A fake on a TCP port of 127.0.0.1, as {@code stats socket ipv4@127.0.0.1:PORT}. */
    static FakeStatsSocket tcp() throws IOException {
        return new FakeStatsSocket(null, ServerSocketChannel.open(StandardProtocolFamily.INET),
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
    }

    Path path() {
        return path;
    }

    /** What {@code socket:} should say to reach this fake. */
    String socketKey() {
        return path != null ? path.toString() : "127.0.0.1:" + ((java.net.InetSocketAddress) address).getPort();
    }

    FakeStatsSocket answer(String command, String text) {
        answers.put(command, () -> text);
        return this;
    }

    FakeStatsSocket answer(String command, java.util.function.Supplier<String> text) {
        answers.put(command, text);
        return this;
    }

    /** Answers show info and show stat from the captures under src/test/resources. */
    FakeStatsSocket answerWith(String statResource) {
        return answer("show info", resource("show-info.txt")).answer("show stat", resource(statResource));
    }

    FakeStatsSocket silent(boolean value) {
        silent = value;
        return this;
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                String command = readLine(client);
                commands.add(command);
                if (silent) {
                    held.add(client); // keep it open and say nothing
                    continue;
                }
                try (client) {
                    java.util.function.Supplier<String> answer = answers.get(command);
                    String text = answer != null ? answer.get() : "Unknown command: '" + command + "'\n\n";
                    ByteBuffer out = StandardCharsets.UTF_8.encode(text);
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                }
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        InputStream in = Channels.newInputStream(client);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    static String resource(String name) {
        try (InputStream in = FakeStatsSocket.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel channel : held) {
            channel.close();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }
}
