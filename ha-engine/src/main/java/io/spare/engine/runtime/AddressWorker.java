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
        submit(instance, "adding", addresses, () -> binder.add(interfaceName, addresses));
    }

    void remove(String instance, String interfaceName, List<VirtualAddress> addresses) {
        submit(instance, "removing", addresses, () -> binder.remove(interfaceName, addresses));
    }

    void announce(String instance, String interfaceName, List<VirtualAddress> addresses, int repeat) {
        if (repeat > 0) {
            submit(instance, "announcing", addresses, () -> binder.announce(interfaceName, addresses, repeat));
        }
    }

    private interface BinderCall {
        void run() throws Exception;
    }

    private void submit(String instance, String what, List<VirtualAddress> addresses, BinderCall call) {
        if (addresses.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                call.run();
            } catch (Exception e) {
                log.error("({}) {} VIPs {} failed: {}", instance, what, addresses, e.toString());
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
