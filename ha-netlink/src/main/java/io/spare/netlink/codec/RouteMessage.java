package io.spare.netlink.codec;

import java.nio.ByteBuffer;

/** The part of an RTM_NEWROUTE answer ({@code rtmsg}) the binder reads: whether the route is local. */
public final class RouteMessage {
    private static final int RTMSG_SIZE = 12;
    private static final int TYPE_OFFSET = 7;

    private RouteMessage() {}

    /** Whether {@code message} is a route that delivers to this host (RTN_LOCAL). */
    public static boolean isLocal(NetlinkMessage message) {
        if (message.type() != Rtnl.RTM_NEWROUTE) {
            return false;
        }
        ByteBuffer body = message.bodyView();
        if (body.remaining() < RTMSG_SIZE) {
            throw new MalformedNetlinkException("rtmsg of " + body.remaining() + " bytes, need " + RTMSG_SIZE);
        }
        return Byte.toUnsignedInt(body.get(TYPE_OFFSET)) == Rtnl.RTN_LOCAL;
    }
}
