package io.spare.netlink.sys;

import java.io.IOException;

/** The kernel dropped rtnetlink messages for this socket (ENOBUFS): the listener must resynchronise. */
public final class NetlinkOverrunException extends IOException {
    public NetlinkOverrunException() {
        super("rtnetlink receive buffer overrun: events were lost");
    }
}
