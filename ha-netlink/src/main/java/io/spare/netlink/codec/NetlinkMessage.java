package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message as received: header fields and the body after the 16-byte header.
 *
 * @param body a read-only view in host byte order, positioned at the first body byte
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, ByteBuffer body) {

    /** Splits one datagram into its messages. */
    public static List<NetlinkMessage> parse(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= Rtnl.NLMSG_HDRLEN) {
            int start = in.position();
            int length = in.getInt(start);
            if (length < Rtnl.NLMSG_HDRLEN || length > in.remaining()) {
                throw new MalformedNetlinkException(
                        "netlink message at offset " + start + " claims " + length + " bytes, " + in.remaining() + " left");
            }
            int type = Short.toUnsignedInt(in.getShort(start + 4));
            int flags = Short.toUnsignedInt(in.getShort(start + 6));
            int seq = in.getInt(start + 8);
            int pid = in.getInt(start + 12);
            ByteBuffer body = in.duplicate().position(start + Rtnl.NLMSG_HDRLEN).limit(start + length).slice()
                    .order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            messages.add(new NetlinkMessage(type, flags, seq, pid, body));
            in.position(Math.min(in.limit(), start + Rtnl.align(length)));
        }
        if (in.hasRemaining()) {
            throw new MalformedNetlinkException(in.remaining() + " trailing bytes after the last netlink message");
        }
        return messages;
    }

    public static List<NetlinkMessage> parse(byte[] datagram) {
        return parse(ByteBuffer.wrap(datagram));
    }

    /** A fresh view of the body, positioned at its start. */
    public ByteBuffer bodyView() {
        return body.duplicate().order(ByteOrder.nativeOrder());
    }
}
