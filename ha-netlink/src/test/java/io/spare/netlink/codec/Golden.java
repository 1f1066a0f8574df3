package io.spare.netlink.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the captured datagrams in src/test/resources/golden (see the README there). */
final class Golden {
    private Golden() {}

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequence number iproute2 used in that capture. */
    static int seq(byte[] datagram) {
        return ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }
}
