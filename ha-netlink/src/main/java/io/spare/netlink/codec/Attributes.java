package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rtattr list at the end of a message body, by type (the kernel's NLA_TYPE_MASK strips the nested/byte-order bits). */
public final class Attributes {
    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, ByteBuffer> byType;

    private Attributes(Map<Integer, ByteBuffer> byType) {
        this.byType = byType;
    }

    /** Parses attributes from {@code buffer}'s position to its limit. */
    public static Attributes parse(ByteBuffer buffer) {
        ByteBuffer in = buffer.slice().order(ByteOrder.nativeOrder());
        Map<Integer, ByteBuffer> byType = new HashMap<>();
        while (in.remaining() >= 4) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort(start));
            int type = Short.toUnsignedInt(in.getShort(start + 2)) & TYPE_MASK;
            if (length < 4 || length > in.remaining()) {
                throw new MalformedNetlinkException("attribute type " + type + " at offset " + start + " claims " + length
                        + " bytes, " + in.remaining() + " left");
            }
            byType.put(type, in.duplicate().position(start + 4).limit(start + length).slice().order(ByteOrder.nativeOrder()));
            in.position(Math.min(in.limit(), start + Rtnl.align(length)));
        }
        return new Attributes(byType);
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    public Optional<byte[]> bytes(int type) {
        ByteBuffer value = byType.get(type);
        if (value == null) {
            return Optional.empty();
        }
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        return Optional.of(copy);
    }

    public Optional<Integer> u32(int type) {
        ByteBuffer value = byType.get(type);
        return value == null || value.remaining() < 4 ? Optional.empty() : Optional.of(value.getInt(0));
    }

    /** An array of u32 in host order, such as IFLA_INET_CONF. */
    public Optional<List<Integer>> u32s(int type) {
        ByteBuffer value = byType.get(type);
        if (value == null) {
            return Optional.empty();
        }
        List<Integer> all = new ArrayList<>(value.remaining() / 4);
        for (int at = 0; at + 4 <= value.remaining(); at += 4) {
            all.add(value.getInt(at));
        }
        return Optional.of(all);
    }

    public Optional<Integer> u8(int type) {
        ByteBuffer value = byType.get(type);
        return value == null || value.remaining() < 1 ? Optional.empty() : Optional.of(Byte.toUnsignedInt(value.get(0)));
    }

    /** A string attribute, up to its first NUL. */
    public Optional<String> string(int type) {
        return bytes(type).map(raw -> {
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            return new String(raw, 0, end, StandardCharsets.UTF_8);
        });
    }

    public Optional<Attributes> nested(int type) {
        ByteBuffer value = byType.get(type);
        return value == null ? Optional.empty() : Optional.of(parse(value.duplicate().order(ByteOrder.nativeOrder())));
    }
}
