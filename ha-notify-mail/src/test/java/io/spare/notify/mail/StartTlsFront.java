package io.spare.notify.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * STARTTLS in front of GreenMail's plain SMTP server, which has none: greets, offers STARTTLS,
 * upgrades the connection with GreenMail's test certificate, then relays the decrypted session to
 * GreenMail. Records whether TLS was negotiated and what the client said inside it.
 */
final class StartTlsFront implements FakeSmtpServer.Conversation {
    private final int backendPort;
    private final SSLContext tls;
    volatile boolean negotiated;
    /** What the client said before STARTTLS, in clear text. */
    final List<String> beforeTls = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream insideTls = new ByteArrayOutputStream();

    StartTlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyStore keyStore = new DummySSLServerSocketFactory().getKeyStore();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        this.tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
    }

    /** What the client sent after STARTTLS, e.g. to see its AUTH command. */
    String insideTls() {
        synchronized (insideTls) {
            return insideTls.toString(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void run(Socket client, FakeSmtpServer server) throws Exception {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        FakeSmtpServer.write(out, "220 front ESMTP");
        String line;
        while ((line = FakeSmtpServer.readLine(in)) != null) {
            beforeTls.add(line);
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO")) {
                FakeSmtpServer.write(out, "250-front", "250 STARTTLS");
            } else if (command.startsWith("HELO") || command.startsWith("NOOP") || command.startsWith("RSET")) {
                FakeSmtpServer.write(out, "250 OK");
            } else if (command.startsWith("STARTTLS")) {
                FakeSmtpServer.write(out, "220 2.0.0 Ready to start TLS");
                upgradeAndRelay(client);
                return;
            } else if (command.startsWith("QUIT")) {
                FakeSmtpServer.write(out, "221 bye");
                return;
            } else {
                FakeSmtpServer.write(out, "530 5.7.0 Must issue a STARTTLS command first");
            }
        }
    }

    private void upgradeAndRelay(Socket client) throws Exception {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(
                client, client.getInetAddress().getHostAddress(), client.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        negotiated = true;
        try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            FakeSmtpServer.readLine(backend.getInputStream()); // GreenMail's greeting; the client had ours
            Thread up = new Thread(() -> copy(secure, backend, true), "starttls-front-up");
            up.setDaemon(true);
            up.start();
            copy(backend, secure, false);
            up.join(5000);
        }
    }

    private void copy(Socket from, Socket to, boolean record) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (record) {
                    synchronized (insideTls) {
                        insideTls.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the session is over.
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // already closed
            }
        }
    }
}
