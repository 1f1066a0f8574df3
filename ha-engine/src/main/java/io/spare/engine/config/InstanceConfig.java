package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import io.spare.api.AddressFamily;
import io.spare.api.Authentication;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code instances:}, keepalived's {@code vrrp_instance}.
 *
 * @param name the instance's name ({@code VI_1})
 * @param state {@code state}: MASTER or BACKUP, default BACKUP
 * @param interfaceName {@code interface}
 * @param virtualRouterId {@code virtual_router_id}: 1..255
 * @param priority {@code priority}: 1..255, default 100; 255 makes this host the address owner
 * @param advertInt {@code advert_int}: v2 whole seconds 1..255; v3 10 ms..40.95 s; default 1 s
 * @param version {@code version}: 2 or 3, default {@code global.vrrp_version}, or 3 for IPv6 VIPs (as
 *     keepalived)
 * @param authentication {@code authentication: {auth_type: PASS, auth_pass: ...}} (v2 only), default
 *     NONE; a password of more than 8 bytes is truncated to 8, as keepalived
 * @param virtualIpaddress {@code virtual_ipaddress}: VIPs carried in adverts, one family
 * @param virtualIpaddressExcluded {@code virtual_ipaddress_excluded}: VIPs held but not advertised
 * @param trackScript {@code track_script}: checks whose results move this instance's priority
 * @param trackInterface {@code track_interface}: interfaces whose state moves it
 * @param nopreempt {@code nopreempt}: a higher priority BACKUP does not take over a live MASTER;
 *     default off, cleared (with a warning) for state MASTER or priority 255, as keepalived
 * @param preemptDelay {@code preempt_delay}: wait this long after startup before preempting; 0..1000
 *     s, default 0, cleared (with a warning) for state MASTER or nopreempt
 * @param preemptFast {@code preempt_fast} (Spare): a preempting BACKUP takes over after its skew time
 *     on hearing a lower priority, instead of waiting the whole Master_Down_Interval
 * @param unicastSrcIp {@code unicast_src_ip}
 * @param unicastPeer {@code unicast_peer}: non-empty means unicast mode
 * @param mcastSrcIp {@code mcast_src_ip}
 * @param garp {@code garp_master_*}, defaulting to {@code global}'s
 * @param useVmac {@code use_vmac}: hold the VIPs on a macvlan with the VRRP virtual MAC
 * @param vmacName present exactly when {@code useVmac}: the name given with {@code use_vmac: NAME},
 *     else {@code vrrp.VRID}
 * @param notifyHooks the {@code notify*} keys, for the script notifier; empty block if none
 * @param smtpAlert {@code smtp_alert}: default {@code global.smtp_alert}
 * @param downTimerAdverts {@code down_timer_adverts}: adverts missed before MASTER is down, 1..100,
 *     default 3
 */
public record InstanceConfig(
        String name,
        InitialState state,
        String interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInt,
        int version,
        Authentication authentication,
        List<VirtualAddress> virtualIpaddress,
        List<VirtualAddress> virtualIpaddressExcluded,
        List<TrackedCheck> trackScript,
        List<TrackedInterface> trackInterface,
        boolean nopreempt,
        Duration preemptDelay,
        boolean preemptFast,
        Optional<InetAddress> unicastSrcIp,
        List<InetAddress> unicastPeer,
        Optional<InetAddress> mcastSrcIp,
        GarpConfig garp,
        boolean useVmac,
        Optional<String> vmacName,
        ConfigBlock notifyHooks,
        boolean smtpAlert,
        int downTimerAdverts) {

    public static final int DEFAULT_PRIORITY = 100;
    public static final Duration DEFAULT_ADVERT_INT = Duration.ofSeconds(1);

    public InstanceConfig {
        requireNonNull(name, "name");
        requireNonNull(state, "state");
        requireNonNull(interfaceName, "interfaceName");
        requireNonNull(advertInt, "advertInt");
        requireNonNull(authentication, "authentication");
        virtualIpaddress = List.copyOf(virtualIpaddress);
        virtualIpaddressExcluded = List.copyOf(virtualIpaddressExcluded);
        trackScript = List.copyOf(trackScript);
        trackInterface = List.copyOf(trackInterface);
        requireNonNull(preemptDelay, "preemptDelay");
        requireNonNull(unicastSrcIp, "unicastSrcIp");
        unicastPeer = List.copyOf(unicastPeer);
        requireNonNull(mcastSrcIp, "mcastSrcIp");
        requireNonNull(garp, "garp");
        requireNonNull(vmacName, "vmacName");
        requireNonNull(notifyHooks, "notifyHooks");
    }

    /** The family of the advertised VIPs (IPv4 when there are none). */
    public AddressFamily family() {
        return virtualIpaddress.isEmpty() ? AddressFamily.IPV4 : virtualIpaddress.get(0).family();
    }

    /** Every VIP this instance holds while MASTER: advertised ones first, then excluded ones. */
    public List<VirtualAddress> allAddresses() {
        if (virtualIpaddressExcluded.isEmpty()) {
            return virtualIpaddress;
        }
        List<VirtualAddress> all = new java.util.ArrayList<>(virtualIpaddress);
        all.addAll(virtualIpaddressExcluded);
        return List.copyOf(all);
    }

    public boolean unicast() {
        return !unicastPeer.isEmpty();
    }

    /** The address owner (priority 255) never waits to become MASTER. */
    public boolean addressOwner() {
        return priority == 255;
    }
}
