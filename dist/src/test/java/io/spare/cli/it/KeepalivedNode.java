package io.spare.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian keepalived, in the foreground ({@code -n}) with its own pid files, configured from the
 * same {@link NodeSpec} as a {@link SpareNode}: the maintenance file is a {@code vrrp_script}.
 */
final class KeepalivedNode extends VrrpNode {
    KeepalivedNode(FailoverLab lab, NodeSpec spec) {
        super(lab, spec, "keepalived");
    }

    @Override
    String kind() {
        return "keepalived";
    }

    @Override
    String readyLine() {
        return "Entering BACKUP STATE";
    }

    @Override
    protected String[] command() throws IOException {
        Path dir = lab.work();
        Path config = dir.resolve(spec.host() + "-keepalived.conf");
        Files.writeString(config, conf());
        String h = spec.host();
        // A SIGKILLed keepalived leaves its pid files (and maybe a zombie with that PID), and then
        // refuses to start ("daemon is already running"); a rebooted machine has an empty /run.
        for (String pid : new String[] {"", "-vrrp", "-check"}) {
            Files.deleteIfExists(dir.resolve(h + "-keepalived" + pid + ".pid"));
        }
        return new String[] {"keepalived", "-n", "-l", "-D", "-P", "-f", config.toString(),
            "-p", dir.resolve(h + "-keepalived.pid").toString(),
            "-r", dir.resolve(h + "-keepalived-vrrp.pid").toString(),
            "-c", dir.resolve(h + "-keepalived-check.pid").toString()};
    }

    String conf() {
        Flavor f = lab.flavor();
        StringBuilder c = new StringBuilder();
        c.append("global_defs {\n    router_id it_").append(spec.host()).append('\n');
        c.append("    vrrp_version ").append(f.version()).append('\n');
        c.append("    script_user root\n}\n");
        // keepalived runs script checks every whole second at the least.
        long interval = Math.max(1, spec.checkInterval().toSeconds());
        c.append("vrrp_script maintenance {\n    script \"/usr/bin/test ! -e ").append(spec.maintenanceFile())
                .append("\"\n    interval ").append(interval).append("\n    weight ").append(NodeSpec.MAINTENANCE_WEIGHT)
                .append("\n}\n");
        c.append("vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n");
        c.append("    virtual_router_id ").append(Flavor.VRID).append('\n');
        c.append("    priority ").append(spec.priority()).append('\n');
        c.append("    advert_int ").append(f.keepalivedAdvertInt()).append('\n');
        if (spec.nopreempt()) {
            c.append("    nopreempt\n");
        }
        if (f.pass()) {
            c.append("    authentication {\n        auth_type PASS\n        auth_pass 1111\n    }\n");
        }
        if (f.unicast()) {
            c.append("    unicast_src_ip ").append(Flavor.ipv4(spec.host())).append('\n');
            c.append("    unicast_peer {\n        ").append(Flavor.ipv4(Flavor.peer(spec.host()))).append("\n    }\n");
        }
        c.append("    virtual_ipaddress {\n        ").append(f.vipCidr()).append("\n    }\n");
        c.append("    track_script {\n        maintenance\n    }\n}\n");
        return c.toString();
    }
}
