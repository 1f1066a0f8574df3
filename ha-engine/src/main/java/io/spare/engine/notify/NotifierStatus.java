package io.spare.engine.notify;

/**
 * One notifier's counters.
 *
 * @param name the route's name
 * @param delivered calls that returned normally
 * @param failed calls that threw
 * @param timedOut calls interrupted at the notifier's timeout
 * @param dropped transitions dropped because the queue was full
 * @param queued transitions waiting now
 */
public record NotifierStatus(String name, long delivered, long failed, long timedOut, long dropped, int queued) {}
