package io.spare.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tcpdump} on the client's port, as the segment sees it: VRRP adverts (who, priority) and
 * gratuitous ARPs / unsolicited neighbour advertisements for the VIP, with the kernel's capture
 * time (epoch seconds). Senders are told apart by their MAC address.
 */
final class AdvertCapture {
    private static final Pattern LINE = Pattern.compile("^(\\d+\\.\\d+) ([0-9a-f:]{17}) > [^,]+, (.*)$");
    private static final Pattern PRIO = Pattern.compile("VRRPv\\d, Advertisement, vrid \\d+, prio (\\d+)");

    /** One captured packet: time (epoch s), sender MAC, priority for adverts or -1 for an announcement. */
    record Packet(double time, String mac, int priority) {
        boolean advert() {
            return priority >= 0;
        }
    }

    private final FailoverLab lab;
    private final Path file;

    AdvertCapture(FailoverLab lab) throws IOException {
        this.lab = lab;
        this.file = lab.work().resolve("capture.txt");
        String filter = "proto 112 or ip6 proto 112 or arp or (icmp6 and ip6[40] == 136)";
        lab.network().start("client", file, "tcpdump", "-i", "eth0", "-n", "-l", "-e", "-tt", "--immediate-mode", filter);
    }

    /** Waits until tcpdump listens (it says so on its first line). */
    void awaitListening() throws InterruptedException {
        lab.await("tcpdump listens", java.time.Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(file) && Files.readString(file).contains("listening on");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The packets captured so far. */
    List<Packet> packets() throws IOException {
        List<Packet> out = new ArrayList<>();
        String vip = lab.flavor().vip();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double time = Double.parseDouble(m.group(1));
            String rest = m.group(3);
            Matcher prio = PRIO.matcher(rest);
            if (prio.find()) {
                out.add(new Packet(time, m.group(2), Integer.parseInt(prio.group(1))));
            } else if (rest.contains("who-has " + vip + " ") && rest.contains("tell " + vip + ",")
                    || rest.contains("Reply " + vip + " is-at")
                    || rest.contains("neighbor advertisement, tgt is " + vip + ",")) {
                out.add(new Packet(time, m.group(2), -1));
            }
        }
        return out;
    }
}
