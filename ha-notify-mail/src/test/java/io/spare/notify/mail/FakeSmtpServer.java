package io.spare.notify.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server on an ephemeral port that runs one {@link Conversation} per connection: a
 * relay that accepts and never answers, one that answers with chosen lines, or a STARTTLS front
 * for GreenMail (whose SMTP server offers no STARTTLS).
 */
final class FakeSmtpServer implements AutoCloseable {
    @FunctionalInterface
    interface Conversation {
        void run(Socket client, FakeSmtpServer server) throws Exception;
    }

    private final ServerSocket socket;
    private final Conversation conversation;
    private final Thread acceptor;
    private final List<Socket> clients = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger accepted = new AtomicInteger();

    FakeSmtpServer(Conversation conversation) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.conversation = conversation;
        this.acceptor = new Thread(this::accept, "fake-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts and never says a word. */
    static FakeSmtpServer silent() throws IOException {
        return new FakeSmtpServer((client, server) -> client.getInputStream().read());
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                clients.add(client);
                Thread thread = new Thread(() -> {
                    try (client) {
                        conversation.run(client, this);
                    } catch (Exception e) {
                        // The peer went away; nothing to do in a test server.
                    }
                }, "fake-smtp-conversation");
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One line without its CRLF, read byte by byte so that nothing after it (a TLS handshake) is consumed. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    static void write(OutputStream out, String... lines) throws IOException {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (clients) {
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
