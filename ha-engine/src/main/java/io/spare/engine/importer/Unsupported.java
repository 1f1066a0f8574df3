package io.spare.engine.importer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Why keepalived keywords that Spare has no equivalent for are left out, for the notes. */
final class Unsupported {
    private static final String LVS = "LVS/IPVS load balancing is not part of Spare, which only moves VIPs";
    private static final String FIREWALL = "Spare does not manage firewall rules or ipsets";
    private static final String ROUTING = "Spare manages the VIPs only, not static addresses, routes or rules";
    private static final String PROCESS_TUNING = "tunes keepalived's own processes; Spare is one JVM process";
    private static final String FIFO = "Spare has no notify FIFO; use notify scripts or a notifier plugin";

    /** Keyword prefixes to reasons; the longest matching prefix wins. */
    private static final Map<String, String> BY_PREFIX = new LinkedHashMap<>();

    static {
        BY_PREFIX.put("virtual_server", LVS);
        BY_PREFIX.put("real_server", LVS);
        BY_PREFIX.put("lvs_", LVS);
        BY_PREFIX.put("checker", LVS);
        BY_PREFIX.put("smtp_checker", LVS);
        BY_PREFIX.put("vrrp_iptables", FIREWALL);
        BY_PREFIX.put("vrrp_ipsets", FIREWALL);
        BY_PREFIX.put("nftables", FIREWALL);
        BY_PREFIX.put("vrrp_nftables", FIREWALL);
        BY_PREFIX.put("iptables", FIREWALL);
        BY_PREFIX.put("static_", ROUTING);
        BY_PREFIX.put("virtual_route", ROUTING);
        BY_PREFIX.put("virtual_rule", ROUTING);
        BY_PREFIX.put("vrrp_strict", "Spare has no strict mode; it speaks VRRP as keepalived does by default");
        BY_PREFIX.put("strict_mode", "Spare has no strict mode; it speaks VRRP as keepalived does by default");
        BY_PREFIX.put("enable_dbus", "Spare has no D-Bus interface");
        BY_PREFIX.put("dbus", "Spare has no D-Bus interface");
        BY_PREFIX.put("enable_snmp", "Spare has no SNMP agent");
        BY_PREFIX.put("snmp_", "Spare has no SNMP agent");
        BY_PREFIX.put("enable_traps", "Spare has no SNMP agent");
        BY_PREFIX.put("notify_fifo", FIFO);
        BY_PREFIX.put("vrrp_notify_fifo", FIFO);
        BY_PREFIX.put("lvs_notify_fifo", FIFO);
        BY_PREFIX.put("vrrp_mcast_group", "Spare uses the standard VRRP groups 224.0.0.18 and ff02::12");
        BY_PREFIX.put("mcast_dst", "Spare uses the standard VRRP groups 224.0.0.18 and ff02::12");
        BY_PREFIX.put("bfd", "Spare has no BFD support");
        BY_PREFIX.put("track_bfd", "Spare has no BFD support");
        BY_PREFIX.put("vrrp_garp_interval", "Spare has no per-packet gratuitous ARP gap");
        BY_PREFIX.put("vrrp_gna_interval", "Spare has no per-packet unsolicited NA gap");
        BY_PREFIX.put("vrrp_no_swap", PROCESS_TUNING);
        BY_PREFIX.put("vrrp_priority", PROCESS_TUNING);
        BY_PREFIX.put("vrrp_rt_priority", PROCESS_TUNING);
        BY_PREFIX.put("vrrp_rlimit", PROCESS_TUNING);
        BY_PREFIX.put("vrrp_cpu_affinity", PROCESS_TUNING);
        BY_PREFIX.put("process_names", PROCESS_TUNING);
        BY_PREFIX.put("process_name", PROCESS_TUNING);
        BY_PREFIX.put("vrrp_process_name", PROCESS_TUNING);
        BY_PREFIX.put("checker_process_name", PROCESS_TUNING);
        BY_PREFIX.put("bfd_process_name", PROCESS_TUNING);
        BY_PREFIX.put("max_auto_priority", PROCESS_TUNING);
        BY_PREFIX.put("min_auto_priority_delay", PROCESS_TUNING);
        BY_PREFIX.put("mem_check", PROCESS_TUNING);
        BY_PREFIX.put("use_pid_dir", PROCESS_TUNING);
        BY_PREFIX.put("instance", "keepalived's multi-instance naming has no Spare equivalent");
        BY_PREFIX.put("net_namespace", "Spare runs in the network namespace it is started in");
        BY_PREFIX.put("namespace_with_ipsets", "Spare runs in the network namespace it is started in");
        BY_PREFIX.put("linkbeat", "Spare watches links with netlink events, not polling");
        BY_PREFIX.put("dynamic_interfaces", "Spare needs its interfaces to exist at startup");
        BY_PREFIX.put("garp_group", "Spare has no per-interface gratuitous ARP groups");
        BY_PREFIX.put("garp_extra_if", "Spare has no per-interface gratuitous ARP groups");
        BY_PREFIX.put("use_ipvlan", "Spare supports macvlan VMACs (use_vmac) only");
        BY_PREFIX.put("vmac_xmit_base", "Spare always sends and hears adverts on the VMAC's parent, as vmac_xmit_base does: nothing to set");
        BY_PREFIX.put("dont_track_primary", "Spare always tracks the instance's own interface");
        BY_PREFIX.put("skip_check_adv_addr", "Spare always checks the advertised addresses as keepalived does by default");
        BY_PREFIX.put("vrrp_skip_check_adv_addr", "Spare always checks the advertised addresses as keepalived does by default");
        BY_PREFIX.put("vrrp_check_unicast_src", "Spare has no unicast source check option");
        BY_PREFIX.put("check_unicast_src", "Spare has no unicast source check option");
        BY_PREFIX.put("accept", "Spare has no accept mode; VIPs answer only what the kernel allows");
        BY_PREFIX.put("no_accept", "Spare has no accept mode; VIPs answer only what the kernel allows");
        BY_PREFIX.put("debug", "set Spare's log level in log4j2.xml instead");
        BY_PREFIX.put("kernel_rx_buf_size", "Spare sizes its sockets itself");
        BY_PREFIX.put("unicast_ttl", "Spare sends unicast adverts with TTL 255 as VRRP requires");
        BY_PREFIX.put("track_group", "Spare has no tracking groups");
        BY_PREFIX.put("lower_prio_no_advert", "Spare always answers a lower priority advert");
        BY_PREFIX.put("higher_prio_send_advert", "Spare has no such option");
        BY_PREFIX.put("smtp_helo_name", "the importer does not know the mail plugin's HELO option; set it by hand if it has one");
        BY_PREFIX.put("startup_script", "Spare has no startup/shutdown scripts; use a systemd drop-in");
        BY_PREFIX.put("shutdown_script", "Spare has no startup/shutdown scripts; use a systemd drop-in");
        BY_PREFIX.put("script_security", "write it as enable_script_security");
        BY_PREFIX.put("vrrp_higher_prio_send_advert", "Spare has no such option");
        BY_PREFIX.put("vrrp_lower_prio_no_advert", "Spare always answers a lower priority advert");
        BY_PREFIX.put("vrrp_garp_lower_prio_delay", "Spare sends the lower priority gratuitous ARPs at once");
        BY_PREFIX.put("garp_lower_prio_delay", "Spare sends the lower priority gratuitous ARPs at once");
        BY_PREFIX.put("notify_master_rx_lower_pri", "the script notifier has no hook for a lower priority advert heard as MASTER");
        BY_PREFIX.put("notify_deleted", "the script notifier has no hook for a deleted instance");
        BY_PREFIX.put("notify_priority_changes", "the script notifier has no priority-change hook");
        BY_PREFIX.put("unicast_fault_no_peer", "Spare has no such option");
        BY_PREFIX.put("old_unicast_checksum", "Spare computes the checksum the RFC way only");
        BY_PREFIX.put("global_tracking", "deprecated in keepalived; track the checks in each instance instead");
        BY_PREFIX.put("sync_group_tracking_weight", "Spare has no tracking on sync groups; track in each instance");
    }

    private Unsupported() {}

    static String reason(String keyword, String fallback) {
        String best = null;
        for (Map.Entry<String, String> entry : BY_PREFIX.entrySet()) {
            if (keyword.startsWith(entry.getKey()) && (best == null || entry.getKey().length() > best.length())) {
                best = entry.getKey();
            }
        }
        return best == null ? fallback : BY_PREFIX.get(best);
    }
}
