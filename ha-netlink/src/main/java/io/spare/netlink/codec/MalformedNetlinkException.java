package io.spare.netlink.codec;

/** Bytes from the kernel that do not parse as netlink messages (a truncated or inconsistent length). */
public final class MalformedNetlinkException extends RuntimeException {
    public MalformedNetlinkException(String message) {
        super(message);
    }
}
