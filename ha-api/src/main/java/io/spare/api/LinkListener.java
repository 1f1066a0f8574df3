package io.spare.api;

import java.net.InetAddress;

/** Receives link and address events. Called on the monitor's thread: the engine only enqueues. */
public interface LinkListener {
    /** The link went down (admin down or carrier lost) or came back up. */
    void onLinkChanged(String interfaceName, boolean up);

    /** An address was removed from an interface, by us or by someone else. */
    void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength);

    /** An address was added to an interface. */
    default void onAddressAdded(String interfaceName, InetAddress address, int prefixLength) {}
}
