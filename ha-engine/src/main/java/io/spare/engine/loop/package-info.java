/**
 * The event loop: one thread that owns every instance's state, posted tasks, and timers kept as
 * deadlines in a priority queue on an injected {@link io.spare.api.Ticker}.
 */
package io.spare.engine.loop;
