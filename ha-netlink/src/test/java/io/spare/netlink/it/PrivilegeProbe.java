package io.spare.netlink.it;

import io.spare.api.AddressFamily;
import io.spare.api.LinkListener;
import io.spare.api.VirtualAddress;
import io.spare.netlink.NetlinkAddressBinder;
import io.spare.netlink.NetlinkLinkMonitor;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs every privileged operation once, in the namespace and with the credentials it was started
 * with, and prints one line per step: {@code STEP ok} or {@code STEP failed: MESSAGE}. Used by
 * {@link UnprivilegedIT} under setpriv.
 */
public final class PrivilegeProbe {
    interface Step {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String device = args[0];
        VirtualAddress v4 = VirtualAddress.of(InetAddress.getByName(args[1]), 24);
        VirtualAddress v6 = VirtualAddress.of(InetAddress.getByName(args[2]), 32);
        NetlinkAddressBinder binder = new NetlinkAddressBinder();
        NetlinkLinkMonitor monitor = new NetlinkLinkMonitor();
        System.out.println("credentials " + Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Uid:") || line.startsWith("CapEff:")).toList());
        step("lookup", () -> monitor.lookup(device).orElseThrow());
        step("add", () -> binder.add(device, List.of(v4, v6)));
        step("announce-ipv4", () -> binder.announce(device, List.of(v4), 2));
        step("announce-ipv6", () -> binder.announce(device, List.of(v6), 2));
        step("create-vmac", () -> binder.createVmac(device, "vrrp.77", 77, AddressFamily.IPV4));
        step("delete-vmac", () -> binder.deleteVmac("vrrp.77"));
        step("monitor", () -> {
            monitor.start(new LinkListener() {
                @Override
                public void onLinkChanged(String interfaceName, boolean up) {}

                @Override
                public void onAddressRemoved(String interfaceName, InetAddress address, int prefixLength) {}
            });
            monitor.close();
        });
        step("remove-ipv6", () -> binder.remove(device, List.of(v6)));
        System.out.println("done");
    }

    private static void step(String name, Step step) {
        try {
            step.run();
            System.out.println(name + " ok");
        } catch (Exception e) {
            System.out.println(name + " failed: " + e.getMessage());
        }
    }
}
