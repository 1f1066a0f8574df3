/**
 * The engine: ties the state machines, the event loop, the check scheduler and the notify
 * dispatcher to the ports. Entry point: {@link io.spare.engine.runtime.Engine}.
 */
package io.spare.engine.runtime;
