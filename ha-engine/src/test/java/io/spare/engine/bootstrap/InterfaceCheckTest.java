package io.spare.engine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.ConfigLoader;
import io.spare.engine.config.LoadedConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceCheckTest {
    @Test
    void eachInterfaceIsLookedUpOnceHoweverManyInstancesUseIt() throws Exception {
        StringBuilder yaml = new StringBuilder("instances:\n");
        for (int i = 1; i <= 50; i++) {
            yaml.append("  VI_").append(i).append(":\n    interface: ").append(i % 2 == 0 ? "eth0" : "eth9")
                    .append("\n    virtual_router_id: ").append(i)
                    .append("\n    track_interface: [eth1]\n    virtual_ipaddress: [10.99.0.").append(i).append("/24]\n");
        }
        LoadedConfig loaded = new ConfigLoader().parse(yaml.toString(), Path.of("spare.yaml"));
        List<String> asked = new ArrayList<>();

        List<ConfigDiagnostic> problems = InterfaceCheck.problems(loaded.config(), loaded.sourceMap(), name -> {
            asked.add(name);
            return !name.equals("eth9");
        }, true);

        assertThat(asked).containsExactlyInAnyOrder("eth0", "eth9", "eth1");
        assertThat(problems).hasSize(25).allSatisfy(p -> assertThat(p.message()).startsWith("no interface 'eth9' on this host"));
    }
}
