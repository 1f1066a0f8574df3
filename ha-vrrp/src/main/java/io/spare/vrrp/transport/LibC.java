package io.spare.vrrp.transport;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/** The few libc calls raw VRRP needs. Structs travel as byte arrays or native memory. */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int setsockopt(int fd, int level, int option, @In byte[] value, int length);

    @SaveError
    @ssize_t
    long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

    @SaveError
    @ssize_t
    long sendmsg(int fd, Pointer message, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, @Out byte[] buffer, @size_t long length, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, Pointer buffer, @size_t long length, int flags);

    @SaveError
    @ssize_t
    long recvmsg(int fd, Pointer message, int flags);

    /**
     * {@code struct pollfd} is 8 bytes: int fd, short events, short revents; {@code timeout} a
     * {@code struct timespec} (null: none), so that a loop waiting here keeps nanosecond deadlines.
     */
    @SaveError
    int ppoll(Pointer fds, @u_int64_t long count, Pointer timeout, Pointer signalMask);

    @SaveError
    int eventfd(int initial, int flags);

    @SaveError
    @ssize_t
    long read(int fd, @Out byte[] buffer, @size_t long length);

    @SaveError
    @ssize_t
    long write(int fd, @In byte[] buffer, @size_t long length);

    @SaveError
    int close(int fd);

    @SaveError
    int ioctl(int fd, long request, @In @Out byte[] argument);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    String strerror(int errno);
}
