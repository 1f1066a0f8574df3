package io.spare.engine.vrrp;

import io.spare.api.VrrpState;

/**
 * What the state machine asks the world to do. The runtime performs each through the ports; a test
 * records them. Methods instead of action objects, so that a step allocates nothing.
 */
public interface VrrpActions {
    /** Send one advert now with this priority (0: we are leaving MASTER). */
    void sendAdvert(int priority);

    /** Add every VIP of the instance (idempotent). */
    void addAddresses();

    /** Remove every VIP of the instance. */
    void removeAddresses();

    /** Gratuitous ARP / unsolicited NA for every VIP, {@code repeat} times each. */
    void announce(int repeat);

    /**
     * A MASTER heard a lower priority (a split brain healing): re-announce our VIPs, and those of the
     * other MASTERs of our sync group, {@code repeat} times, so that every ARP cache points here.
     */
    void reannounce(int repeat);

    /** The instance changed state; notify and log. */
    void transition(VrrpState from, VrrpState to, String reason);

    /** A sync-group member's down timer expired: it is ready to become MASTER with its group. */
    void requestGroupMaster();

    /** Something an operator should see in the log. */
    void warn(String message);
}
