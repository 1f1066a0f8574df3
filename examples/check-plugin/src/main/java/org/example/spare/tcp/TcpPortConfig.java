package org.example.spare.tcp;

/**
 * The check's own keys: {@code host} and {@code port}. Spare binds them from YAML by name
 * ({@code snake_case} keys to {@code camelCase} components); the shared keys (interval, timeout,
 * rise, fall, weight) are Spare's and never reach the plugin.
 *
 * @param host the address to connect to; default 127.0.0.1
 * @param port the TCP port, 1..65535
 */
public record TcpPortConfig(String host, int port) {
    public TcpPortConfig {
        if (host == null || host.isBlank()) {
            host = "127.0.0.1";
        }
    }
}
