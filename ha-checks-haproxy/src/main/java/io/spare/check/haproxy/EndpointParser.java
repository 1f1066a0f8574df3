package io.spare.check.haproxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code socket:} and {@code url:} values, in HAProxy's own address syntax where it has one. */
final class EndpointParser {
    private EndpointParser() {}

    /**
     * @throws IllegalArgumentException with a message for the {@code socket} key
     */
    static StatsEndpoint socket(String value, Path configDirectory) {
        String text = value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix@")) {
            return unix(text.substring(5), configDirectory);
        }
        if (text.startsWith("/") || text.startsWith("./") || text.startsWith("../")) {
            return unix(text, configDirectory);
        }
        if (lower.startsWith("ipv4@") || lower.startsWith("ipv6@")) {
            return tcp(text.substring(5), value);
        }
        if (text.contains("@")) {
            throw new IllegalArgumentException("unknown address family in '" + value
                    + "': use a path, unix@PATH, ipv4@HOST:PORT or ipv6@[ADDR]:PORT");
        }
        if (!text.contains(":")) {
            throw new IllegalArgumentException("must be a socket path (/run/haproxy/admin.sock) or HOST:PORT (was '"
                    + value + "')");
        }
        return tcp(text, value);
    }

    private static StatsEndpoint unix(String path, Path configDirectory) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("unix@ needs a path");
        }
        return new StatsEndpoint.UnixSocket(configDirectory.resolve(path).normalize());
    }

    private static StatsEndpoint tcp(String hostPort, String original) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("must be HOST:PORT (was '" + original + "')");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number (was '" + original + "')");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535 (was " + port + ")");
        }
        return new StatsEndpoint.TcpSocket(host, port);
    }

    /**
     * The stats page in CSV. {@code ;csv} is appended when missing, so that {@code
     * http://lb:8089/stats} works as well.
     *
     * @throws IllegalArgumentException with a message for the {@code url} key; it never repeats a
     *     password given inside the URL
     */
    static StatsEndpoint.StatsPage url(String value, Optional<String> username, Optional<String> password) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain credentials: use the username and password keys");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL (was '" + value + "')");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host (was '" + value + "')");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a #fragment (was '" + value + "')");
        }
        // HAProxy matches the stats URI as a prefix and looks for ";csv" anywhere after it, so the
        // classic "/haproxy?stats" becomes "/haproxy?stats;csv" and "/stats" becomes "/stats;csv".
        String text = uri.toString();
        URI csv = text.contains(";csv") ? uri : URI.create(text + ";csv");
        return new StatsEndpoint.StatsPage(csv, username, password);
    }
}
