package io.spare.vrrp.transport;

import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Records what a channel delivers, for tests on real sockets. */
final class RecordingListener implements AdvertListener {
    record Received(Advertisement advertisement, InetAddress source) {}

    record Mismatch(InetAddress source, int version) {}

    final List<Received> adverts = new CopyOnWriteArrayList<>();
    final List<Mismatch> mismatches = new CopyOnWriteArrayList<>();

    @Override
    public void onAdvert(Advertisement advertisement, InetAddress source) {
        adverts.add(new Received(advertisement, source));
    }

    @Override
    public void onVersionMismatch(InetAddress source, int version) {
        mismatches.add(new Mismatch(source, version));
    }

    /** Polls until {@code condition} holds, running {@code between} each round (e.g. send again). */
    static boolean await(Duration timeout, BooleanSupplier condition, Runnable between) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            between.run();
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
