package io.spare.netlink;

import io.spare.netlink.codec.AddressMessage;
import io.spare.netlink.codec.LinkMessage;
import io.spare.netlink.codec.NetlinkAck;
import io.spare.netlink.codec.NetlinkMessage;
import io.spare.netlink.codec.Rtnl;
import io.spare.netlink.codec.RtnlRequests;
import io.spare.netlink.sys.Errno;
import io.spare.netlink.sys.NetlinkSocket;
import io.spare.netlink.sys.SystemCallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Link and address queries shared by the binder and the monitor. */
final class Links {
    private Links() {}

    /** The link called {@code name}, or empty when there is none. */
    static Optional<LinkMessage> find(NetlinkSocket socket, String name) throws IOException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > Rtnl.IFNAMSIZ_MAX || name.indexOf('/') >= 0) {
            return Optional.empty(); // the kernel cannot have such an interface
        }
        NetlinkMessage answer = socket.get(RtnlRequests.getLink(0, name));
        if (answer.type() == Rtnl.NLMSG_ERROR) {
            NetlinkAck ack = NetlinkAck.decode(answer);
            if (ack.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw new SystemCallException("cannot look up interface '" + name + "'", ack.errno(), null, ack.kernelMessage().orElse(null));
        }
        if (answer.type() != Rtnl.RTM_NEWLINK) {
            throw new IOException("unexpected rtnetlink answer type " + answer.type() + " looking up interface '" + name + "'");
        }
        return Optional.of(LinkMessage.decode(answer));
    }

    static LinkMessage require(NetlinkSocket socket, String name, String purpose) throws IOException {
        return find(socket, name).orElseThrow(() -> new IOException("no interface '" + name + "' (" + purpose + ")"));
    }

    static List<LinkMessage> all(NetlinkSocket socket) throws IOException {
        List<LinkMessage> links = new ArrayList<>();
        for (NetlinkMessage message : socket.dump(RtnlRequests.dumpLinks(0), "links")) {
            if (message.type() == Rtnl.RTM_NEWLINK) {
                links.add(LinkMessage.decode(message));
            }
        }
        return links;
    }

    static List<AddressMessage> addresses(NetlinkSocket socket) throws IOException {
        List<AddressMessage> addresses = new ArrayList<>();
        for (NetlinkMessage message : socket.dump(RtnlRequests.dumpAddresses(0, Rtnl.AF_UNSPEC), "addresses")) {
            if (message.type() == Rtnl.RTM_NEWADDR) {
                AddressMessage.decode(message).ifPresent(addresses::add);
            }
        }
        return addresses;
    }
}
