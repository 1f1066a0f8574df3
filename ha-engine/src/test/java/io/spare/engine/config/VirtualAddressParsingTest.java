package io.spare.engine.config;

import static io.spare.engine.config.TestingConfig.errors;
import static io.spare.engine.config.TestingConfig.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.spare.api.AddressFamily;
import io.spare.api.AddressScope;
import io.spare.api.VirtualAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** virtual_ipaddress entries in keepalived's line form and in mapping form, IPv4 and IPv6. */
class VirtualAddressParsingTest {

    private static List<VirtualAddress> vips(String version, String... entries) throws ConfigException {
        return load(yaml(version, entries)).config().instances().get("VI_1").virtualIpaddress();
    }

    private static String yaml(String version, String... entries) {
        StringBuilder yaml = new StringBuilder("instances:\n  VI_1:\n    interface: eth0\n    virtual_router_id: 51\n"
                + "    version: " + version + "\n    virtual_ipaddress:\n");
        for (String entry : entries) {
            yaml.append("      - ").append(entry).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void noPrefixIsAHostAddressAsKeepalived() throws ConfigException {
        assertThat(vips("2", "192.168.80.114")).extracting(VirtualAddress::prefixLength).containsExactly(32);
        assertThat(vips("3", "fd99::200")).extracting(VirtualAddress::prefixLength).containsExactly(128);
    }

    @Test
    void ipv6AddressesWithPrefixes() throws ConfigException {
        List<VirtualAddress> vips = vips("3", "fd99::200/64", "'fe80::1/64'", "{address: 'fd99::201/64', dev: eth1}");
        assertThat(vips).extracting(VirtualAddress::cidr).containsExactly("fd99:0:0:0:0:0:0:200/64", "fe80:0:0:0:0:0:0:1/64",
                "fd99:0:0:0:0:0:0:201/64");
        assertThat(vips).extracting(VirtualAddress::family).containsOnly(AddressFamily.IPV6);
        assertThat(vips.get(2).device()).contains("eth1");
    }

    @Test
    void keepalivedLineFormWithDevLabelAndScope() throws ConfigException {
        assertThat(vips("2", "10.99.0.1/24 dev eth1 label eth1:vip scope link")).containsExactly(
                new VirtualAddress(InetAddresses.forString("10.99.0.1"), 24, Optional.of("eth1"), Optional.of("eth1:vip"), AddressScope.LINK));
    }

    @Test
    void mappingForm() throws ConfigException {
        assertThat(vips("2", "{address: 10.99.0.1/16, dev: eth2, label: 'eth2:a', scope: host}")).containsExactly(
                new VirtualAddress(InetAddresses.forString("10.99.0.1"), 16, Optional.of("eth2"), Optional.of("eth2:a"), AddressScope.HOST));
    }

    @Test
    void labelDefaultsToTheInstanceInterface() throws ConfigException {
        assertThat(vips("2", "10.99.0.1 label eth0:vip").get(0).label()).contains("eth0:vip");
    }

    @Test
    void badEntriesAreEachReportedAtTheirItem() {
        assertThat(errors(yaml("2",
                "10.99.0.1/33",
                "10.99.0.1 brd 10.99.0.255",
                "10.99.0.2 scope universe",
                "10.99.0.3 label other:vip",
                "224.0.0.18",
                "{address: 10.99.0.4, device: eth1}",
                "{dev: eth1}",
                "[10.99.0.5]",
                "10.99.0.6 dev"))).containsExactly(
                "spare.yaml:7:9: instances.VI_1.virtual_ipaddress[0]: prefix length must be 0..32 (was '33')",
                "spare.yaml:8:9: instances.VI_1.virtual_ipaddress[1]: unsupported word `brd`; an address takes dev, label and scope",
                "spare.yaml:9:9: instances.VI_1.virtual_ipaddress[2]: scope must be one of global, site, link, host, nowhere (was 'universe')",
                "spare.yaml:10:9: instances.VI_1.virtual_ipaddress[3]: label must start with the interface name `eth0` and have at most"
                        + " 15 characters, e.g. `eth0:vip` (was 'other:vip')",
                "spare.yaml:11:9: instances.VI_1.virtual_ipaddress[4]: a virtual address must be a unicast address (was 224.0.0.18)",
                "spare.yaml:12:30: instances.VI_1.virtual_ipaddress[5].device: unknown key `device`; expected one of address, dev, label, scope",
                "spare.yaml:13:9: instances.VI_1.virtual_ipaddress[6]: missing required key `address`",
                "spare.yaml:14:9: instances.VI_1.virtual_ipaddress[7]: expected an address like 192.168.1.10/24 or {address: ..., dev: ...},"
                        + " found a list",
                "spare.yaml:15:9: instances.VI_1.virtual_ipaddress[8]: `dev` needs a value");
    }

    @Test
    void ipv6HasNoLabels() {
        assertThat(errors(yaml("3", "fd99::1 label eth0:v6"))).containsExactly(
                "spare.yaml:7:9: instances.VI_1.virtual_ipaddress[0]: label is for IPv4 addresses only (the kernel has no IPv6 labels)");
    }
}
