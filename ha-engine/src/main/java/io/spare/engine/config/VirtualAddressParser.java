package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import io.spare.api.AddressFamily;
import io.spare.api.AddressScope;
import io.spare.api.DidYouMean;
import io.spare.api.VirtualAddress;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code virtual_ipaddress} entry: a string {@code ADDR[/PREFIX] [dev X] [label Y] [scope Z]}
 * (keepalived's line) or a mapping {@code {address, dev, label, scope}}. No prefix means a host
 * address (/32, /128), as in keepalived.
 */
final class VirtualAddressParser {
    static final List<String> KEYS = List.of("address", "dev", "label", "scope");
    private static final List<String> SCOPES =
            Arrays.stream(AddressScope.values()).map(AddressScope::keyword).toList();

    private final Diagnostics diagnostics;
    private final Scalars scalars;

    VirtualAddressParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.scalars = new Scalars(diagnostics);
    }

    /**
     * @param interfaceName the instance's interface, against which a label is checked; empty if unknown
     */
    Optional<VirtualAddress> parse(JsonNode node, String path, String interfaceName) {
        if (node.isObject()) {
            return fromMapping(node, path, interfaceName);
        }
        if (!node.isTextual()) {
            diagnostics.error(path, "expected an address like 192.168.1.10/24 or {address: ..., dev: ...}, found "
                    + scalars.describe(node, path));
            return Optional.empty();
        }
        String[] words = node.textValue().trim().split("\\s+");
        Optional<String> dev = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<String> scope = Optional.empty();
        boolean valid = true;
        for (int i = 1; i < words.length; i += 2) {
            String word = words[i];
            if (i + 1 >= words.length) {
                diagnostics.error(path, "`" + word + "` needs a value");
                valid = false;
                break;
            }
            String argument = words[i + 1];
            switch (word) {
                case "dev" -> dev = Optional.of(argument);
                case "label" -> label = Optional.of(argument);
                case "scope" -> scope = Optional.of(argument);
                default -> {
                    diagnostics.error(path, "unsupported word `" + word + "`; an address takes dev, label and scope"
                            + DidYouMean.hint(word, List.of("dev", "label", "scope")));
                    valid = false;
                }
            }
        }
        Optional<VirtualAddress> address = build(words[0], dev, label, scope, path, interfaceName);
        return valid ? address : Optional.empty();
    }

    private Optional<VirtualAddress> fromMapping(JsonNode node, String path, String interfaceName) {
        Section entry = Section.open(node, path, diagnostics, KEYS);
        Optional<String> address = entry.requiredString("address");
        Optional<String> dev = entry.string("dev");
        Optional<String> label = entry.string("label");
        Optional<String> scope = entry.string("scope");
        entry.rejectUnknownKeys();
        return address.flatMap(text -> build(text, dev, label, scope, entry.path("address"), interfaceName));
    }

    private Optional<VirtualAddress> build(
            String cidr, Optional<String> dev, Optional<String> label, Optional<String> scopeName, String path, String interfaceName) {
        int slash = cidr.indexOf('/');
        String addressText = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!InetAddresses.isInetAddress(addressText)) {
            diagnostics.error(path, "expected an IPv4 or IPv6 address with an optional /prefix, found '" + cidr + "'");
            return Optional.empty();
        }
        InetAddress address = InetAddresses.forString(addressText);
        AddressFamily family = AddressFamily.of(address);
        int maxPrefix = family.addressLength() * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                diagnostics.error(path, "prefix length must be 0.." + maxPrefix + " (was '" + cidr.substring(slash + 1) + "')");
                return Optional.empty();
            }
        }
        if (address.isMulticastAddress() || address.isAnyLocalAddress()) {
            diagnostics.error(path, "a virtual address must be a unicast address (was " + addressText + ")");
            return Optional.empty();
        }
        AddressScope scope = AddressScope.GLOBAL;
        if (scopeName.isPresent()) {
            String name = scopeName.get().toLowerCase(Locale.ROOT);
            if (!SCOPES.contains(name)) {
                diagnostics.error(path, "scope must be one of " + String.join(", ", SCOPES) + " (was '" + scopeName.get() + "')"
                        + DidYouMean.hint(name, SCOPES));
                return Optional.empty();
            }
            scope = AddressScope.valueOf(name.toUpperCase(Locale.ROOT));
        }
        if (dev.isPresent() && !InterfaceNames.valid(dev.get())) {
            diagnostics.error(path, InterfaceNames.rule("dev", dev.get()));
            return Optional.empty();
        }
        if (label.isPresent()) {
            if (family == AddressFamily.IPV6) {
                diagnostics.error(path, "label is for IPv4 addresses only (the kernel has no IPv6 labels)");
                return Optional.empty();
            }
            String device = dev.orElse(interfaceName);
            if (label.get().length() > InterfaceNames.MAX_LENGTH || (!device.isEmpty() && !label.get().startsWith(device))) {
                diagnostics.error(path, "label must start with the interface name `" + device + "` and have at most "
                        + InterfaceNames.MAX_LENGTH + " characters, e.g. `" + device + ":vip` (was '" + label.get() + "')");
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new VirtualAddress(address, prefix, dev, label, scope));
        } catch (IllegalArgumentException e) {
            diagnostics.error(path, "cannot be used: " + e.getMessage());
            return Optional.empty();
        }
    }
}
