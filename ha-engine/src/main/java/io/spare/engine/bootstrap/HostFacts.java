package io.spare.engine.bootstrap;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few facts about this host the wiring needs, read without DNS or netlink. */
final class HostFacts {
    private HostFacts() {}

    /** The kernel's host name; no DNS lookup, which may hang at boot. */
    static String hostname() {
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException e) {
                // try the next source
            }
        }
        return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }

    static boolean interfaceExists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    static List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        try {
            NetworkInterface.networkInterfaces().forEach(i -> names.add(i.getName()));
        } catch (SocketException e) {
            // none known
        }
        names.sort(null);
        return names;
    }
}
