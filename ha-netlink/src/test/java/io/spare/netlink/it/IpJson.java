package io.spare.netlink.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What {@code ip -j} shows in a lab host: the independent observer of what our netlink code did. */
final class IpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Address(String family, String local, int prefixlen, String label, String scope) {}

    private IpJson() {}

    static List<Address> addresses(NetworkLab lab, String host, String device) throws IOException {
        List<Address> addresses = new ArrayList<>();
        JsonNode links = JSON.readTree(lab.exec(host, "ip", "-j", "addr", "show", "dev", device));
        for (JsonNode link : links) {
            for (JsonNode info : link.path("addr_info")) {
                addresses.add(new Address(info.path("family").asText(), info.path("local").asText(), info.path("prefixlen").asInt(),
                        info.path("label").asText(null), info.path("scope").asText()));
            }
        }
        return addresses;
    }

    static JsonNode link(NetworkLab lab, String host, String device) throws IOException {
        return JSON.readTree(lab.exec(host, "ip", "-j", "-d", "link", "show", "dev", device)).get(0);
    }

    static boolean linkExists(NetworkLab lab, String host, String device) throws IOException {
        return lab.tryExec(host, "ip", "link", "show", "dev", device).exitCode() == 0;
    }

    /** The lladdr of a neighbour entry, or "" when there is none. */
    static String neighbour(NetworkLab lab, String host, String address) throws IOException {
        JsonNode entries = JSON.readTree(lab.exec(host, "ip", "-j", "neigh", "show", address, "dev", "eth0"));
        return entries.isEmpty() ? "" : entries.get(0).path("lladdr").asText("");
    }
}
