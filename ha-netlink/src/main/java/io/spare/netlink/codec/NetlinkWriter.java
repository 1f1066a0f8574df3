package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink message: header, fixed body, attributes (nested ones too), each padded to 4
 * bytes, lengths filled in when done. Host byte order, as the kernel expects on this socket family.
 */
public final class NetlinkWriter {
    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> openNests = new ArrayDeque<>();

    public NetlinkWriter(int type, int flags, int seq) {
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    public NetlinkWriter u8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public NetlinkWriter u16(int value) {
        ensure(2).putShort((short) value);
        return this;
    }

    public NetlinkWriter u32(int value) {
        ensure(4).putInt(value);
        return this;
    }

    public NetlinkWriter bytes(byte[] value) {
        ensure(value.length).put(value);
        return this;
    }

    public NetlinkWriter attribute(int type, byte[] value) {
        ensure(4 + value.length + 3);
        buffer.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    public NetlinkWriter attributeU32(int type, int value) {
        ensure(8).putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    /** A NUL-terminated string attribute, as the kernel's NLA_STRING / NLA_NUL_STRING want. */
    public NetlinkWriter attributeString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    public NetlinkWriter beginNested(int type) {
        openNests.push(buffer.position());
        ensure(4).putShort((short) 0).putShort((short) type);
        return this;
    }

    public NetlinkWriter endNested() {
        int start = openNests.pop();
        buffer.putShort(start, (short) (buffer.position() - start));
        return this;
    }

    public byte[] finish() {
        if (!openNests.isEmpty()) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        buffer.putInt(0, buffer.position());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void pad() {
        while ((buffer.position() & 3) != 0) {
            buffer.put((byte) 0);
        }
    }

    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more)).order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }
}
