package io.spare.api;

/**
 * The states of a VRRP instance or sync group. {@code STOP} is where an instance ends when Spare
 * stops, as keepalived's {@code notify_stop} reports it.
 */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOP
}
