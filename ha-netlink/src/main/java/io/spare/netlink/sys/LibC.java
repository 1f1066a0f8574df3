package io.spare.netlink.sys;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The few libc calls this module makes. Structs travel as byte arrays laid out by the callers. */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In byte[] address, int addressLength);

    @SaveError
    int setsockopt(int fd, int level, int option, @In byte[] value, int valueLength);

    @SaveError
    @ssize_t
    long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

    @SaveError
    @ssize_t
    long recv(int fd, Pointer buffer, @size_t long length, int flags);

    @SaveError
    @ssize_t
    long recvfrom(int fd, Pointer buffer, @size_t long length, int flags, @Out byte[] address, IntByReference addressLength);

    @SaveError
    int shutdown(int fd, int how);

    @SaveError
    int close(int fd);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    @SaveError
    int pipe2(@Out int[] fds, int flags);

    @SaveError
    @ssize_t
    long write(int fd, @In byte[] buffer, @size_t long length);

    /** {@code fds} is an array of struct pollfd (int fd, short events, short revents), 8 bytes each. */
    @SaveError
    int poll(byte[] fds, @size_t long count, int timeoutMillis);

    String strerror(int errno);
}
