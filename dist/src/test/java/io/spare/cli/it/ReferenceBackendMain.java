package io.spare.cli.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The web server behind one node's HAProxy in {@link ReferenceScenarioIT}: answers every request
 * with {@code served by <node>}, so that a client can tell which node served it. Started in the
 * node's namespace; prints {@code listening} when it accepts.
 *
 * <p>Arguments: bind address, port, node name.
 */
public final class ReferenceBackendMain {
    private ReferenceBackendMain() {}

    public static void main(String[] args) throws IOException {
        byte[] answer = ("served by " + args[2] + "\n").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])), 16);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.start();
        System.out.println("listening on " + args[0] + ":" + args[1]);
    }
}
