package io.spare.engine.importer;

import com.google.common.net.InetAddresses;
import io.spare.api.AddressScope;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded}: {@code ADDR[/PFX]
 * [brd ADDR] [dev IF] [scope SCOPE] [label LABEL] [peer ADDR] [home] [-nodad] [noprefixroute]
 * [autojoin] [track_group G] [no_track]}. Without a prefix keepalived uses /32 or /128.
 */
final class VirtualAddressConverter {
    /**
     * @param yaml a {@code "ADDR/PFX"} string, or a flow map with {@code address, dev, label, scope}
     * @param ipv6 the address family
     * @param location the line
     */
    record Vip(Object yaml, boolean ipv6, SourceLocation location) {}

    private final Notes notes;
    private final Values values;

    VirtualAddressConverter(Notes notes) {
        this.notes = notes;
        this.values = new Values(notes);
    }

    Optional<Vip> convert(Statement line) {
        String written = line.keyword();
        String host = written;
        OptionalInt prefix = OptionalInt.empty();
        int slash = written.indexOf('/');
        if (slash >= 0) {
            host = written.substring(0, slash);
            prefix = values.integer(line, written.substring(slash + 1), 0, 128);
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
        }
        if (!InetAddresses.isInetAddress(host)) {
            notes.notCarried(line, "'" + host + "' is not an IP address; keepalived ignores the line");
            return Optional.empty();
        }
        InetAddress address = InetAddresses.forString(host);
        boolean ipv6 = address.getAddress().length == 16;
        int maxPrefix = ipv6 ? 128 : 32;
        int length = prefix.orElse(maxPrefix);
        if (length > maxPrefix) {
            notes.notCarried(line, "prefix /" + length + " is too long for " + host);
            return Optional.empty();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("address", InetAddresses.toAddrString(address) + "/" + length);
        for (int i = 0; i < line.argCount(); i++) {
            String option = line.arg(i);
            boolean hasValue = i + 1 < line.argCount();
            switch (option) {
                case "dev", "label", "scope" -> {
                    if (!hasValue) {
                        notes.notCarried(line.location(), option, "it needs a value");
                        continue;
                    }
                    String value = line.arg(++i);
                    if (option.equals("scope")) {
                        Optional<String> scope = scope(value);
                        if (scope.isEmpty()) {
                            notes.notCarried(line.location(), "scope " + value,
                                    "expected global, site, link, host or nowhere");
                            continue;
                        }
                        value = scope.get();
                        if (value.equals("global")) {
                            continue;
                        }
                    }
                    options.put(option, value);
                }
                case "brd", "broadcast" -> {
                    i += hasValue ? 1 : 0;
                    notes.notCarried(line.location(), option, "Spare adds VIPs without an explicit broadcast address");
                }
                case "peer" -> {
                    i += hasValue ? 1 : 0;
                    notes.notCarried(line.location(), option, "Spare has no point-to-point VIPs");
                }
                case "track_group" -> {
                    i += hasValue ? 1 : 0;
                    notes.notCarried(line.location(), option, "Spare has no tracking groups");
                }
                case "preferred_lft" -> {
                    i += hasValue ? 1 : 0;
                    notes.notCarried(line.location(), option, "Spare adds VIPs with the kernel's default lifetimes");
                }
                case "home", "-nodad", "nodad", "noprefixroute", "autojoin", "mngtmpaddr", "no_track" ->
                        notes.notCarried(line.location(), option, "Spare has no such address flag");
                default -> notes.notCarried(line.location(), option, "not a virtual_ipaddress option Spare knows");
            }
        }
        if (ipv6 && options.containsKey("label")) {
            notes.notCarried(line.location(), "label " + options.remove("label"),
                    "the kernel has no labels on IPv6 addresses");
        }
        Object yaml = options.size() == 1 ? options.get("address") : new YamlWriter.Flow(options);
        return Optional.of(new Vip(yaml, ipv6, line.location()));
    }

    private static Optional<String> scope(String written) {
        for (AddressScope scope : AddressScope.values()) {
            if (scope.keyword().equals(written.toLowerCase(Locale.ROOT))) {
                return Optional.of(scope.keyword());
            }
        }
        return Optional.empty();
    }
}
