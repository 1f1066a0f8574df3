package io.spare.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Spare from the unpacked distribution ({@code bin/spare run -c}), configured from a {@link NodeSpec}. */
final class SpareNode extends VrrpNode {
    /** More {@code global:} keys, indented by two spaces, one per line. */
    private String moreGlobal = "";

    SpareNode(FailoverLab lab, NodeSpec spec) {
        super(lab, spec, "spare");
    }

    /** Adds {@code key: value} to the {@code global:} block of the configuration it starts with. */
    SpareNode withGlobal(String key, String value) {
        moreGlobal += "  " + key + ": \"" + value + "\"\n";
        return this;
    }

    @Override
    String kind() {
        return "spare";
    }

    @Override
    String readyLine() {
        return "Spare started";
    }

    @Override
    protected String[] command() throws IOException {
        Path config = lab.work().resolve(spec.host() + "-spare.yaml");
        Files.writeString(config, yaml());
        return new String[] {FailoverLab.spareDist().resolve("bin/spare").toString(), "run", "-c", config.toString(),
            "--control-socket", controlSocket().toString()};
    }

    /** Each node its own: the lab's nodes share one file system. */
    Path controlSocket() {
        return lab.work().resolve(spec.host() + ".sock");
    }

    /** {@code spare status} of this node, with the extra arguments given; fails unless it exits 0. */
    String status(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(FailoverLab.spareDist().resolve("bin/spare").toString(), "status",
                "--control-socket", controlSocket().toString()));
        command.addAll(List.of(arguments));
        NetworkLab.Result result = NetworkLab.runCommand(Duration.ofSeconds(30), command);
        if (result.exitCode() != 0) {
            throw new AssertionError("spare status of " + this + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** This node's instance {@code name} as {@code spare status --json} shows it. */
    JsonNode instanceStatus(String name) throws IOException {
        for (JsonNode instance : new ObjectMapper().readTree(status("--json")).path("instances")) {
            if (instance.path("name").asText().equals(name)) {
                return instance;
            }
        }
        throw new AssertionError("no instance " + name + " in the status of " + this);
    }

    String yaml() {
        Flavor f = lab.flavor();
        StringBuilder y = new StringBuilder();
        y.append("global:\n  router_id: it-").append(spec.host()).append('\n').append(moreGlobal);
        y.append("checks:\n  maintenance:\n    type: file\n    path: ").append(spec.maintenanceFile())
                .append("\n    exists: fail\n    interval: ").append(spec.checkInterval().toMillis()).append("ms\n")
                .append("    weight: ").append(NodeSpec.MAINTENANCE_WEIGHT).append('\n');
        y.append("instances:\n  VI_1:\n    interface: eth0\n");
        y.append("    virtual_router_id: ").append(Flavor.VRID).append('\n');
        y.append("    priority: ").append(spec.priority()).append('\n');
        y.append("    advert_int: ").append(f.spareAdvertInt()).append('\n');
        y.append("    version: ").append(f.version()).append('\n');
        if (f.pass()) {
            y.append("    authentication: {auth_type: PASS, auth_pass: \"1111\"}\n");
        }
        if (f.unicast()) {
            y.append("    unicast_src_ip: ").append(Flavor.ipv4(spec.host())).append('\n');
            y.append("    unicast_peer: [").append(Flavor.ipv4(Flavor.peer(spec.host()))).append("]\n");
        }
        y.append("    virtual_ipaddress: [\"").append(f.vipCidr()).append("\"]\n");
        y.append("    track_script: [maintenance]\n");
        y.append("    nopreempt: ").append(spec.nopreempt()).append('\n');
        return y.toString();
    }
}
