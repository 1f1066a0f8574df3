package io.spare.check.haproxy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Where the check asks HAProxy: its runtime API (UNIX or TCP socket) or its stats page. */
sealed interface StatsEndpoint {

    /** How messages name the endpoint; never contains a password. */
    String display();

    /** {@code stats socket /run/haproxy/admin.sock}. */
    record UnixSocket(Path path) implements StatsEndpoint {
        public UnixSocket {
            requireNonNull(path, "path");
        }

        @Override
        public String display() {
            return path.toString();
        }
    }

    /** {@code stats socket ipv4@127.0.0.1:9999}. */
    record TcpSocket(String host, int port) implements StatsEndpoint {
        public TcpSocket {
            requireNonNull(host, "host");
        }

        @Override
        public String display() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** {@code stats uri /stats} in CSV, with optional basic auth. */
    record StatsPage(URI uri, Optional<String> username, Optional<String> password) implements StatsEndpoint {
        public StatsPage {
            requireNonNull(uri, "uri");
            requireNonNull(username, "username");
            requireNonNull(password, "password");
        }

        @Override
        public String display() {
            return uri.toString();
        }

        @Override
        public String toString() {
            return "StatsPage[uri=" + uri + ", username=" + username.orElse("") + ", password="
                    + (password.isPresent() ? "****" : "") + "]";
        }
    }
}
