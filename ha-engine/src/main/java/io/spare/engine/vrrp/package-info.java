/**
 * The pure VRRP state machine and the RFC timers. No I/O, no threads, no clock: time is a parameter
 * and effects are requested through {@link io.spare.engine.vrrp.VrrpActions}.
 */
package io.spare.engine.vrrp;
