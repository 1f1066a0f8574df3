package io.spare.netlink.sys;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** The loaded libc and errno access. Loading happens on first use, not at class initialisation of callers. */
public final class Native {
    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Native() {}

    public static LibC libc() {
        return Holder.LIBC;
    }

    /** errno of the last call on this thread; read it right after the failing call. */
    public static int errno() {
        return Holder.RUNTIME.getLastError();
    }

    public static String describe(int errno) {
        String text = Holder.LIBC.strerror(errno);
        return text == null ? "errno " + errno : text;
    }

    /** A native buffer the kernel writes into, so that only the received bytes are copied to Java. */
    public static Pointer allocate(int size) {
        return Memory.allocateDirect(Holder.RUNTIME, size);
    }
}
