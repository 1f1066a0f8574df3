package io.spare.vrrp.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The keepalived captures in {@code shared/testdata/vrrp}, read in place (never copied). */
final class GoldenVectors {
    private GoldenVectors() {}

    /**
     * The directory sits beside the checkout ({@code ../../shared/testdata/vrrp} from this module);
     * walk up from the module directory so that other layouts with the same shape work too.
     */
    static Path directory() {
        Path start = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/vrrp");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/vrrp not found above " + start
                + " (expected ../../shared/testdata/vrrp from the module directory)");
    }

    /** Every {@code NAME} that has a {@code NAME.vrrp.hex}. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".vrrp.hex"))
                    .map(n -> n.substring(0, n.length() - ".vrrp.hex".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] vrrp(String name) {
        return read(name + ".vrrp.hex");
    }

    static byte[] ipHeader(String name) {
        return read(name + ".ip-header.hex");
    }

    static byte[] read(String file) {
        try {
            return hex(Files.readString(directory().resolve(file)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
