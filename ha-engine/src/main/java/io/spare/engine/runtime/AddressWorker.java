package io.spare.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressBinder;
import io.spare.api.VirtualAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Performs address changes off the loop, in the order the loop asked for them. */
final class AddressWorker {
    private static final Logger log = LogManager.getLogger(AddressWorker.class);

    private final Executor executor;
    private final AddressBinder binder;

    AddressWorker(Executor executor, AddressBinder binder) {
        this.executor = requireNonNull(executor, "executor");
        this.binder = requireNonNull(binder, "binder");
    }

    void add(String instance, String interfaceName, List<VirtualAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                binder.add(interfaceName, addresses);
            } catch (Exception e) {
                log.error("({}) adding VIPs {} failed: {}", instance, addresses, e.toString());
            }
        });
    }

    void remove(String instance, String interfaceName, List<VirtualAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                binder.remove(interfaceName, addresses);
            } catch (Exception e) {
                log.error("({}) removing VIPs {} failed: {}", instance, addresses, e.toString());
            }
        });
    }

    void announce(String instance, String interfaceName, List<VirtualAddress> addresses, int repeat) {
        if (addresses.isEmpty() || repeat <= 0) {
            return;
        }
        executor.execute(() -> {
            try {
                binder.announce(interfaceName, addresses, repeat);
            } catch (Exception e) {
                log.warn("({}) announcing VIPs {} failed: {}", instance, addresses, e.toString());
            }
        });
    }

    /** Completes once every change queued before it has been made. */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> done.complete(null));
        return done;
    }
}
