package io.spare.engine.bootstrap;

import io.spare.api.VirtualAddress;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.InstanceConfig;
import io.spare.engine.config.SourceMap;
import io.spare.engine.config.SpareConfig;
import io.spare.engine.config.TrackedInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every interface the configuration names must exist on this host: an error for {@code spare run},
 * a warning for {@code spare check}, which may validate a file for another host.
 */
final class InterfaceCheck {
    private InterfaceCheck() {}

    static List<ConfigDiagnostic> problems(SpareConfig config, SourceMap map, Predicate<String> lookup, boolean asErrors) {
        // One look per name: the JDK lists every address of the host for each lookup, and a
        // thousand instances on four interfaces asked a thousand times (seconds at startup).
        Map<String, Boolean> known = new HashMap<>();
        Predicate<String> exists = name -> known.computeIfAbsent(name, lookup::test);
        List<ConfigDiagnostic> problems = new ArrayList<>();
        String have = String.join(", ", HostFacts.interfaceNames());
        for (InstanceConfig instance : config.instances().values()) {
            String base = "instances." + instance.name();
            check(instance.interfaceName(), base + ".interface", map, exists, asErrors, have, problems);
            for (int i = 0; i < instance.trackInterface().size(); i++) {
                TrackedInterface tracked = instance.trackInterface().get(i);
                check(tracked.name(), SourceMap.item(base + ".track_interface", i), map, exists, asErrors, have, problems);
            }
            List<VirtualAddress> vips = instance.virtualIpaddress();
            for (int i = 0; i < vips.size(); i++) {
                if (vips.get(i).device().isPresent()) {
                    check(vips.get(i).device().get(), SourceMap.item(base + ".virtual_ipaddress", i), map, exists, asErrors, have, problems);
                }
            }
        }
        return problems;
    }

    private static void check(String name, String path, SourceMap map, Predicate<String> exists, boolean asErrors,
            String have, List<ConfigDiagnostic> problems) {
        if (exists.test(name)) {
            return;
        }
        String message = "no interface '" + name + "' on this host (have: " + have + ")";
        problems.add(asErrors ? map.error(path, message) : map.warning(path, message));
    }
}
