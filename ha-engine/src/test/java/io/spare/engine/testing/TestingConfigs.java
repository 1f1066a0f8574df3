package io.spare.engine.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.spare.api.Authentication;
import io.spare.api.VirtualAddress;
import io.spare.engine.config.CheckConfig;
import io.spare.engine.config.ConfigBlock;
import io.spare.engine.config.GarpConfig;
import io.spare.engine.config.GlobalConfig;
import io.spare.engine.config.InitialState;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.config.NotifierConfig;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.config.SyncGroupConfig;
import io.spare.engine.config.TrackedCheck;
import io.spare.engine.config.TrackedInterface;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Config records with keepalived's defaults, for tests that do not go through YAML. */
public final class TestingConfigs {
    private TestingConfigs() {}

    public static ConfigBlock emptyBlock(String path) {
        return new ConfigBlock(path, JsonNodeFactory.instance.objectNode());
    }

    public static GlobalConfig global() {
        return global(Duration.ZERO);
    }

    public static GlobalConfig global(Duration startupDelay) {
        return new GlobalConfig(Optional.of("test"), List.of(), Optional.empty(), Optional.empty(),
                GlobalConfig.DEFAULT_SMTP_CONNECT_TIMEOUT, false, emptyBlock("global"), Optional.empty(), true, 2,
                GarpConfig.DEFAULTS, startupDelay, Optional.empty());
    }

    public static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static VirtualAddress vip(String cidr) {
        String[] parts = cidr.split("/");
        InetAddress address = ip(parts[0]);
        return parts.length == 1 ? VirtualAddress.of(address) : VirtualAddress.of(address, Integer.parseInt(parts[1]));
    }

    public static CheckConfig check(String name, Duration interval, int weight) {
        return new CheckConfig(name, "testing", interval, interval, 1, 1, weight, false, emptyBlock("checks." + name));
    }

    public static CheckConfig check(String name, Duration interval, Duration timeout, int rise, int fall, int weight,
            boolean initFail) {
        return new CheckConfig(name, "testing", interval, timeout, rise, fall, weight, initFail, emptyBlock("checks." + name));
    }

    public static SyncGroupConfig syncGroup(String name, String... members) {
        return new SyncGroupConfig(name, List.of(members), emptyBlock("sync_groups." + name), false);
    }

    public static SpareConfig config(GlobalConfig global, List<CheckConfig> checks, List<InstanceConfig> instances,
            List<SyncGroupConfig> groups) {
        Map<String, CheckConfig> c = new LinkedHashMap<>();
        checks.forEach(x -> c.put(x.name(), x));
        Map<String, InstanceConfig> i = new LinkedHashMap<>();
        instances.forEach(x -> i.put(x.name(), x));
        Map<String, SyncGroupConfig> g = new LinkedHashMap<>();
        groups.forEach(x -> g.put(x.name(), x));
        return new SpareConfig(global, c, i, g, Map.<String, NotifierConfig>of());
    }

    public static SpareConfig config(InstanceConfig... instances) {
        return config(global(), List.of(), List.of(instances), List.of());
    }

    public static InstanceBuilder instance(String name) {
        return new InstanceBuilder(name);
    }

    /** An {@link InstanceConfig} with keepalived's defaults: BACKUP, eth0, VRID 51, priority 100, 1 s, v2. */
    public static final class InstanceBuilder {
        private final String name;
        private InitialState state = InitialState.BACKUP;
        private String interfaceName = "eth0";
        private int vrid = 51;
        private int priority = InstanceConfig.DEFAULT_PRIORITY;
        private Duration advertInt = InstanceConfig.DEFAULT_ADVERT_INT;
        private int version = 2;
        private Authentication authentication = Authentication.NONE;
        private final List<VirtualAddress> vips = new ArrayList<>();
        private final List<TrackedCheck> trackScript = new ArrayList<>();
        private final List<TrackedInterface> trackInterface = new ArrayList<>();
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private boolean preemptFast;
        private Optional<InetAddress> unicastSrcIp = Optional.empty();
        private GarpConfig garp = GarpConfig.DEFAULTS;
        private int downTimerAdverts = 3;
        private boolean useVmac;
        private Optional<String> vmacName = Optional.empty();

        InstanceBuilder(String name) {
            this.name = name;
        }

        public InstanceBuilder master() {
            state = InitialState.MASTER;
            return this;
        }

        public InstanceBuilder interfaceName(String value) {
            interfaceName = value;
            return this;
        }

        public InstanceBuilder vrid(int value) {
            vrid = value;
            return this;
        }

        public InstanceBuilder priority(int value) {
            priority = value;
            return this;
        }

        public InstanceBuilder advertInt(Duration value) {
            advertInt = value;
            return this;
        }

        public InstanceBuilder version(int value) {
            version = value;
            return this;
        }

        public InstanceBuilder authentication(Authentication value) {
            authentication = value;
            return this;
        }

        public InstanceBuilder vip(String cidr) {
            vips.add(TestingConfigs.vip(cidr));
            return this;
        }

        public InstanceBuilder vip(VirtualAddress value) {
            vips.add(value);
            return this;
        }

        public InstanceBuilder track(String check) {
            trackScript.add(new TrackedCheck(check, OptionalInt.empty()));
            return this;
        }

        public InstanceBuilder track(String check, int weight) {
            trackScript.add(new TrackedCheck(check, OptionalInt.of(weight)));
            return this;
        }

        public InstanceBuilder trackInterface(String iface, int weight) {
            trackInterface.add(new TrackedInterface(iface, weight));
            return this;
        }

        public InstanceBuilder nopreempt() {
            nopreempt = true;
            return this;
        }

        public InstanceBuilder preemptDelay(Duration value) {
            preemptDelay = value;
            return this;
        }

        public InstanceBuilder preemptFast() {
            preemptFast = true;
            return this;
        }

        public InstanceBuilder unicastSrcIp(String value) {
            unicastSrcIp = Optional.of(ip(value));
            return this;
        }

        public InstanceBuilder garp(GarpConfig value) {
            garp = value;
            return this;
        }

        public InstanceBuilder downTimerAdverts(int value) {
            downTimerAdverts = value;
            return this;
        }

        public InstanceBuilder useVmac() {
            useVmac = true;
            return this;
        }

        public InstanceBuilder useVmac(String name) {
            useVmac = true;
            vmacName = Optional.of(name);
            return this;
        }

        public InstanceConfig build() {
            return new InstanceConfig(name, state, interfaceName, vrid, priority, advertInt, version, authentication,
                    vips, List.of(), trackScript, trackInterface, nopreempt, preemptDelay, preemptFast, unicastSrcIp,
                    List.of(), Optional.empty(), garp, useVmac, vmacName, emptyBlock("instances." + name + ".notify"),
                    false, downTimerAdverts);
        }
    }
}
