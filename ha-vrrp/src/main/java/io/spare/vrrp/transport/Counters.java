package io.spare.vrrp.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named event counters, bumped by the receive thread and read by anyone. */
final class Counters {
    private final Map<String, LongAdder> values = new ConcurrentHashMap<>();

    void increment(String name) {
        values.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    /** A sorted copy, with the given prefix on every name. */
    Map<String, Long> snapshot(String prefix) {
        Map<String, Long> snapshot = new TreeMap<>();
        values.forEach((name, value) -> snapshot.put(prefix + name, value.sum()));
        return snapshot;
    }
}
