package io.spare.vrrp.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The few addresses a receive thread sees again and again (the group, our address, the peers),
 * handed out as the same {@link InetAddress} each time instead of a new one per packet. Not
 * thread-safe: one per receiving thread.
 */
public final class AddressCache {
    private static final int SIZE = 8;

    private final byte[][] raw = new byte[SIZE][];
    private final InetAddress[] addresses = new InetAddress[SIZE];
    private int next;

    /**
     * The address with these bytes (4 or 16); {@code bytes} is only read, so callers may reuse it
     * as scratch space.
     */
    public InetAddress of(byte[] bytes) {
        for (int i = 0; i < SIZE; i++) {
            if (raw[i] != null && Arrays.equals(raw[i], bytes)) {
                return addresses[i];
            }
        }
        return remember(bytes.clone());
    }

    /** The address in {@code length} (4 or 16) bytes of {@code buffer} at {@code at}; the buffer does not move. */
    public InetAddress of(ByteBuffer buffer, int at, int length) {
        for (int i = 0; i < SIZE; i++) {
            if (raw[i] != null && raw[i].length == length && sameAt(raw[i], buffer, at)) {
                return addresses[i];
            }
        }
        byte[] copy = new byte[length];
        buffer.get(at, copy);
        return remember(copy);
    }

    private static boolean sameAt(byte[] known, ByteBuffer buffer, int at) {
        for (int i = 0; i < known.length; i++) {
            if (buffer.get(at + i) != known[i]) {
                return false;
            }
        }
        return true;
    }

    private InetAddress remember(byte[] copy) {
        InetAddress address;
        try {
            address = InetAddress.getByAddress(copy);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + copy.length, e);
        }
        raw[next] = copy;
        addresses[next] = address;
        next = (next + 1) % SIZE;
        return address;
    }
}
