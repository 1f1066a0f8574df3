package io.spare.netlink.sys;

import java.io.IOException;

/**
 * A failed system call or rtnetlink request, with its errno. When the kernel said EPERM (or EACCES)
 * the message names the capability that is missing, so an operator knows what to grant.
 */
public final class SystemCallException extends IOException {
    private final int errno;

    public SystemCallException(String what, int errno, Capability needed) {
        super(message(what, errno, needed, null));
        this.errno = errno;
    }

    public SystemCallException(String what, int errno, Capability needed, String kernelMessage) {
        super(message(what, errno, needed, kernelMessage));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    private static String message(String what, int errno, Capability needed, String kernelMessage) {
        StringBuilder text = new StringBuilder(what).append(": ").append(Native.describe(errno));
        if (kernelMessage != null && !kernelMessage.isBlank()) {
            text.append(" (").append(kernelMessage).append(')');
        }
        if ((errno == Errno.EPERM || errno == Errno.EACCES) && needed != null) {
            text.append(" - needs ").append(needed).append(" (run as root or grant ").append(needed).append(')');
        }
        return text.toString();
    }
}
