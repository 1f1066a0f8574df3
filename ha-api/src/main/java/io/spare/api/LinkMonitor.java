package io.spare.api;

import java.io.IOException;
import java.util.Optional;

/** Interface facts, and link and address events as they happen (no polling). */
public interface LinkMonitor extends AutoCloseable {
    /** Reads one interface's facts now; empty if there is no such interface. */
    Optional<InterfaceInfo> lookup(String interfaceName) throws IOException;

    /** Starts delivering events for all interfaces to {@code listener}. */
    void start(LinkListener listener) throws IOException;

    @Override
    void close();
}
