package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.spare.api.AddressFamily;
import io.spare.api.Authentication;
import io.spare.api.DurationText;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds one entry of {@code instances:} (keepalived's {@code vrrp_instance}) and checks the rules
 * that concern it alone, as keepalived's {@code vrrp_complete_instance} does. When a value is
 * invalid the problem is reported and a placeholder bound, so that checking goes on.
 */
final class InstanceBinder {
    static final String PATH = "instances";
    static final List<String> KEYS = List.of(
            "state",
            "interface",
            "virtual_router_id",
            "priority",
            "advert_int",
            "version",
            "authentication",
            "virtual_ipaddress",
            "virtual_ipaddress_excluded",
            "track_script",
            "track_interface",
            "nopreempt",
            "preempt_delay",
            "preempt_fast",
            "unicast_src_ip",
            "unicast_peer",
            "mcast_src_ip",
            "garp_master_delay",
            "garp_master_repeat",
            "garp_master_refresh",
            "garp_master_refresh_repeat",
            "garp_lower_prio_repeat",
            "use_vmac",
            "smtp_alert",
            "down_timer_adverts");
    static final int MAX_VIPS = 255;
    static final Duration MAX_PREEMPT_DELAY = Duration.ofSeconds(1000);
    static final Duration V3_MIN_ADVERT_INT = Duration.ofMillis(10);
    static final Duration V3_MAX_ADVERT_INT = Duration.ofMillis(40_950);

    /** Keys keepalived users write where Spare nests them. */
    private static final Map<String, String> KEEPALIVED_HINTS = Map.of(
            "auth_type", "authentication.auth_type",
            "auth_pass", "authentication.auth_pass",
            "vrid", "virtual_router_id",
            "virtual_ipaddresses", "virtual_ipaddress",
            "track_scripts", "track_script");

    private final Diagnostics diagnostics;
    private final GlobalBinder.Bound global;
    private final VirtualAddressParser addresses;

    InstanceBinder(Diagnostics diagnostics, GlobalBinder.Bound global) {
        this.diagnostics = diagnostics;
        this.global = global;
        this.addresses = new VirtualAddressParser(diagnostics);
    }

    /** The script notifier's usual keys, for "did you mean" only: every {@code notify*} key is passed on. */
    static final List<String> NOTIFY_KEYS =
            List.of("notify", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify_timeout");

    static boolean isNotifyKey(String key) {
        return key.startsWith("notify");
    }

    InstanceConfig bind(String name, JsonNode value) {
        String path = SourceMap.child(PATH, name);
        Section instance = Section.open(value, path, diagnostics, KEYS, InstanceBinder::isNotifyKey);

        InitialState state = instance.enumeration("state", InitialState.class).orElse(InitialState.BACKUP);
        String interfaceName = interfaceName(instance);
        int vrid = requiredInteger(instance, "virtual_router_id", 1, 255).orElse(0);
        int priority = instance.integer("priority", 1, 255).orElse(InstanceConfig.DEFAULT_PRIORITY);

        List<Located> vips = virtualAddresses(instance, "virtual_ipaddress", interfaceName);
        List<Located> excluded = virtualAddresses(instance, "virtual_ipaddress_excluded", interfaceName);
        AddressFamily family = checkFamilies(vips);
        dropDuplicates(vips, excluded);
        if (vips.size() > MAX_VIPS) {
            diagnostics.error(instance.path("virtual_ipaddress"), "at most " + MAX_VIPS + " addresses fit in an advert (was "
                    + vips.size() + "); put the rest in virtual_ipaddress_excluded");
        }
        if (!instance.has("virtual_ipaddress") && excluded.isEmpty()) {
            diagnostics.keyWarning(path, "no virtual_ipaddress: this instance holds no address");
        }

        int version = version(instance, family);
        Duration advertInt = advertInt(instance, version);
        Authentication authentication = new AuthenticationBinder(diagnostics).bind(instance, version);

        Optional<InetAddress> unicastSrcIp = instance.address("unicast_src_ip");
        Optional<InetAddress> mcastSrcIp = instance.address("mcast_src_ip");
        List<InetAddress> unicastPeer = unicastPeers(instance);
        checkFamily(instance, "unicast_src_ip", unicastSrcIp, family);
        checkFamily(instance, "mcast_src_ip", mcastSrcIp, family);
        if (!unicastPeer.isEmpty() && AddressFamily.of(unicastPeer.get(0)) != family) {
            diagnostics.error(instance.path("unicast_peer"), name(AddressFamily.of(unicastPeer.get(0))) + " peers on an "
                    + name(family) + " instance (the family of virtual_ipaddress)");
        }

        TrackListBinder tracking = new TrackListBinder(diagnostics);
        List<TrackedCheck> trackScript = tracking.checks(instance.list("track_script"));
        List<TrackedInterface> trackInterface = tracking.interfaces(instance.list("track_interface"));

        Preemption preemption = preemption(instance, state, priority);
        Vmac vmac = vmac(instance, vrid);
        GarpConfig garp = garp(instance);
        ConfigBlock notifyHooks = new ConfigBlock(path, instance.copyOf(InstanceBinder::isNotifyKey));
        boolean preemptFast = instance.bool("preempt_fast").orElse(false);
        boolean smtpAlert = instance.bool("smtp_alert").orElse(global.config().smtpAlert());
        int downTimerAdverts = instance.integer("down_timer_adverts", 1, 100).orElse(3);
        instance.rejectUnknownKeys(KEEPALIVED_HINTS, NOTIFY_KEYS);

        return new InstanceConfig(
                name,
                state,
                interfaceName,
                vrid,
                priority,
                advertInt,
                version,
                authentication,
                unlocated(vips),
                unlocated(excluded),
                trackScript,
                trackInterface,
                preemption.nopreempt(),
                preemption.delay(),
                preemptFast,
                unicastSrcIp,
                unicastPeer,
                mcastSrcIp,
                garp,
                vmac.used(),
                vmac.name(),
                notifyHooks,
                smtpAlert,
                downTimerAdverts);
    }

    private record Preemption(boolean nopreempt, Duration delay) {}

    /** keepalived clears nopreempt and preempt_delay where they cannot work, with a warning. */
    private Preemption preemption(Section instance, InitialState state, int priority) {
        boolean nopreempt = instance.bool("nopreempt").orElse(false);
        Duration delay = instance.duration("preempt_delay").orElse(Duration.ZERO);
        if (delay.compareTo(MAX_PREEMPT_DELAY) > 0) {
            diagnostics.error(instance.path("preempt_delay"), "must be 0s..1000s (was " + DurationText.format(delay) + ")");
        }
        if (nopreempt && state == InitialState.MASTER) {
            diagnostics.warning(instance.path("nopreempt"), "nopreempt ignored with state MASTER (as keepalived); use state BACKUP");
            nopreempt = false;
        } else if (nopreempt && priority == 255) {
            diagnostics.warning(instance.path("nopreempt"), "nopreempt ignored with priority 255: the address owner always preempts");
            nopreempt = false;
        }
        if (!delay.isZero() && state == InitialState.MASTER) {
            diagnostics.warning(instance.path("preempt_delay"), "preempt_delay ignored with state MASTER (as keepalived)");
            delay = Duration.ZERO;
        } else if (!delay.isZero() && nopreempt) {
            diagnostics.warning(instance.path("preempt_delay"), "preempt_delay ignored with nopreempt (as keepalived)");
            delay = Duration.ZERO;
        }
        return new Preemption(nopreempt, delay);
    }

    private record Vmac(boolean used, Optional<String> name) {}

    /** {@code use_vmac: true} (named {@code vrrp.VRID}, as keepalived), {@code false}, or the macvlan's name. */
    private Vmac vmac(Section instance, int vrid) {
        Optional<JsonNode> value = instance.get("use_vmac");
        if (value.isPresent() && value.get().isTextual()) {
            String name = value.get().textValue();
            if (InterfaceNames.valid(name)) {
                return new Vmac(true, Optional.of(name));
            }
            diagnostics.error(instance.path("use_vmac"), "expected true, false or an interface name; " + InterfaceNames.rule("use_vmac", name));
            return new Vmac(false, Optional.empty());
        }
        boolean used = instance.bool("use_vmac").orElse(false);
        return new Vmac(used, used ? Optional.of("vrrp." + vrid) : Optional.empty());
    }

    private String interfaceName(Section instance) {
        Optional<String> name = instance.requiredString("interface");
        if (name.isPresent() && !InterfaceNames.valid(name.get())) {
            diagnostics.error(instance.path("interface"), InterfaceNames.rule("interface", name.get()));
            return "";
        }
        return name.orElse("");
    }

    private Optional<Integer> requiredInteger(Section section, String key, int min, int max) {
        if (!section.has(key)) {
            section.missing(key);
            return Optional.empty();
        }
        return section.integer(key, min, max);
    }

    /** A parsed address and the list item it came from. */
    private record Located(VirtualAddress vip, String path) {}

    private List<Located> virtualAddresses(Section instance, String key, String interfaceName) {
        List<Located> parsed = new ArrayList<>();
        for (Section.Item item : instance.list(key)) {
            addresses.parse(item.value(), item.path(), interfaceName).ifPresent(vip -> parsed.add(new Located(vip, item.path())));
        }
        return parsed;
    }

    /** The advertised family; the first address sets it, as keepalived. */
    private AddressFamily checkFamilies(List<Located> vips) {
        if (vips.isEmpty()) {
            return AddressFamily.IPV4;
        }
        AddressFamily family = vips.get(0).vip().family();
        for (Located located : vips) {
            if (located.vip().family() != family) {
                diagnostics.error(located.path(), "cannot mix IPv4 and IPv6 in virtual_ipaddress (the first is " + name(family)
                        + "); use another instance or virtual_ipaddress_excluded");
                break;
            }
        }
        return family;
    }

    /** keepalived adds an address once; a repeat is most likely a copy-and-paste slip. */
    private void dropDuplicates(List<Located> vips, List<Located> excluded) {
        Map<InetAddress, String> seen = new HashMap<>();
        for (List<Located> list : List.of(vips, excluded)) {
            for (var iterator = list.iterator(); iterator.hasNext(); ) {
                Located located = iterator.next();
                String first = seen.putIfAbsent(located.vip().address(), located.path());
                if (first != null) {
                    diagnostics.warning(located.path(), "duplicate address " + located.vip().address().getHostAddress()
                            + " (also at " + first + "); ignored");
                    iterator.remove();
                }
            }
        }
    }

    private static List<VirtualAddress> unlocated(List<Located> located) {
        return located.stream().map(Located::vip).toList();
    }

    private int version(Section instance, AddressFamily family) {
        if (!instance.has("version")) {
            // keepalived: an IPv6 instance is VRRPv3 unless it says otherwise
            return family == AddressFamily.IPV6 ? 3 : global.config().vrrpVersion();
        }
        int version = instance.integer("version", 2, 3).orElse(0);
        if (version == 2 && family == AddressFamily.IPV6) {
            diagnostics.error(instance.path("version"), "IPv6 virtual addresses need version: 3 (VRRPv2 is IPv4 only)");
        }
        return version == 0 ? (family == AddressFamily.IPV6 ? 3 : global.config().vrrpVersion()) : version;
    }

    private Duration advertInt(Section instance, int version) {
        Optional<Duration> configured = instance.duration("advert_int");
        if (configured.isEmpty()) {
            return InstanceConfig.DEFAULT_ADVERT_INT;
        }
        Duration advertInt = configured.get();
        String path = instance.path("advert_int");
        if (version == 2) {
            if (advertInt.toNanos() % 1_000_000_000L != 0 || advertInt.toSeconds() < 1 || advertInt.toSeconds() > 255) {
                diagnostics.error(path, "VRRPv2 advert_int must be whole seconds 1..255 (was " + DurationText.format(advertInt)
                        + "); use version: 3 for finer intervals");
                return InstanceConfig.DEFAULT_ADVERT_INT;
            }
        } else if (advertInt.compareTo(V3_MIN_ADVERT_INT) < 0
                || advertInt.compareTo(V3_MAX_ADVERT_INT) > 0
                || advertInt.toNanos() % 10_000_000L != 0) {
            diagnostics.error(path, "VRRPv3 advert_int must be 0.01s..40.95s in steps of 10ms (was " + DurationText.format(advertInt) + ")");
            return InstanceConfig.DEFAULT_ADVERT_INT;
        }
        return advertInt;
    }

    private List<InetAddress> unicastPeers(Section instance) {
        List<InetAddress> peers = new ArrayList<>();
        for (Section.Item item : instance.list("unicast_peer")) {
            instance.scalars().address(item.value(), item.path()).ifPresent(peer -> {
                if (peers.contains(peer)) {
                    diagnostics.warning(item.path(), "duplicate peer " + peer.getHostAddress() + "; ignored");
                } else {
                    peers.add(peer);
                }
            });
        }
        if (!peers.isEmpty()) {
            AddressFamily family = AddressFamily.of(peers.get(0));
            for (int i = 1; i < peers.size(); i++) {
                if (AddressFamily.of(peers.get(i)) != family) {
                    diagnostics.error(instance.path("unicast_peer"), "all unicast peers must be of one family (found IPv4 and IPv6)");
                    break;
                }
            }
        }
        return peers;
    }

    /** Checks the peers' family against the instance's, once the instance's is known. */
    private void checkFamily(Section instance, String key, Optional<InetAddress> address, AddressFamily family) {
        if (address.isPresent() && AddressFamily.of(address.get()) != family) {
            diagnostics.error(instance.path(key), name(AddressFamily.of(address.get())) + " address on an " + name(family)
                    + " instance (the family of virtual_ipaddress)");
        }
    }

    private GarpConfig garp(Section instance) {
        GarpConfig defaults = global.config().garp();
        int masterRepeat = instance.integer("garp_master_repeat", 1, 255).orElse(defaults.masterRepeat());
        int lowerPrioDefault = global.lowerPrioRepeatSet() ? defaults.lowerPrioRepeat() : masterRepeat;
        return new GarpConfig(
                instance.duration("garp_master_delay").orElse(defaults.masterDelay()),
                masterRepeat,
                instance.duration("garp_master_refresh").orElse(defaults.masterRefresh()),
                instance.integer("garp_master_refresh_repeat", 1, 255).orElse(defaults.masterRefreshRepeat()),
                instance.integer("garp_lower_prio_repeat", 0, 255).orElse(lowerPrioDefault));
    }

    static String name(AddressFamily family) {
        return family == AddressFamily.IPV4 ? "IPv4" : "IPv6";
    }
}
