/** Notify dispatch: per-notifier serial, bounded queues on a shared pool, with timeouts. */
package io.spare.engine.notify;
