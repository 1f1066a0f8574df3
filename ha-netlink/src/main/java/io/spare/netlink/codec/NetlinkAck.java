package io.spare.netlink.codec;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An NLMSG_ERROR message: the kernel's answer to one request.
 *
 * @param errno 0 for success, else the positive errno
 * @param seq the sequence number of the request it answers
 * @param requestType the nlmsg_type of that request
 * @param kernelMessage the extended-ack text ("ipv4: Address already assigned"), when the kernel gave one
 */
public record NetlinkAck(int errno, int seq, int requestType, Optional<String> kernelMessage) {

    public boolean ok() {
        return errno == 0;
    }

    public static NetlinkAck decode(NetlinkMessage message) {
        if (message.type() != Rtnl.NLMSG_ERROR) {
            throw new IllegalArgumentException("not an NLMSG_ERROR: type " + message.type());
        }
        ByteBuffer body = message.bodyView();
        if (body.remaining() < 4 + Rtnl.NLMSG_HDRLEN) {
            throw new MalformedNetlinkException("NLMSG_ERROR of " + body.remaining() + " bytes, need 20");
        }
        int error = body.getInt(0);
        int requestLength = body.getInt(4);
        int requestType = Short.toUnsignedInt(body.getShort(8));
        int seq = body.getInt(12);
        Optional<String> text = Optional.empty();
        if ((message.flags() & Rtnl.NLM_F_ACK_TLVS) != 0) {
            int echoed = (message.flags() & Rtnl.NLM_F_CAPPED) != 0 ? Rtnl.NLMSG_HDRLEN : Rtnl.align(requestLength);
            int tlvStart = 4 + echoed;
            if (tlvStart <= body.limit()) {
                text = Attributes.parse(body.duplicate().position(tlvStart)).string(Rtnl.NLMSGERR_ATTR_MSG);
            }
        }
        return new NetlinkAck(-error, seq, requestType, text);
    }
}
