package io.spare.vrrp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.AddressFamily;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpChannel;
import io.spare.api.testing.Integration;
import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spare's raw transport and a real keepalived on one segment: keepalived's adverts decode (v2 PASS,
 * v3 IPv4, v3 IPv6, v3 unicast also with {@code old_unicast_checksum}, and a wrong password is
 * dropped as {@code auth}), and Spare's
 * higher-priority adverts make keepalived's MASTER step down to BACKUP, and its priority-0 advert
 * makes keepalived's BACKUP take over. Needs root and keepalived.
 */
class KeepalivedInteropIT {
    private static final String CONFIG = """
            global_defs {
                router_id spare_interop
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass 1111
                }
                virtual_ipaddress {
                    10.99.0.200/24
                }
            }
            vrrp_instance VI_3 {
                state BACKUP
                interface eth0
                version 3
                virtual_router_id 52
                priority 100
                advert_int 1
                virtual_ipaddress {
                    10.99.0.201/24
                }
            }
            vrrp_instance VI_6 {
                state BACKUP
                interface eth0
                version 3
                virtual_router_id 53
                priority 100
                advert_int 1
                virtual_ipaddress {
                    fd99::200/64
                }
            }
            vrrp_instance VI_U {
                state BACKUP
                interface eth0
                version 3
                virtual_router_id 55
                priority 100
                advert_int 1
                unicast_src_ip 10.99.0.2
                unicast_peer {
                    10.99.0.1
                }
                virtual_ipaddress {
                    10.99.0.205/24
                }
            }
            vrrp_instance VI_O {
                state BACKUP
                interface eth0
                version 3
                virtual_router_id 56
                priority 100
                advert_int 1
                unicast_src_ip 10.99.0.2
                old_unicast_checksum
                unicast_peer {
                    10.99.0.1
                }
                virtual_ipaddress {
                    10.99.0.206/24
                }
            }
            vrrp_instance VI_W {
                state BACKUP
                interface eth0
                virtual_router_id 54
                priority 100
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass secret
                }
                virtual_ipaddress {
                    10.99.0.202/24
                }
            }
            """;

    @TempDir
    Path dir;

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // IPv6 VIPs get prefix 32: ha-api's VirtualAddress checks the prefix before its address is set.
    private static ChannelSpec spec(String name, AddressFamily family, int vrid, int version, Authentication auth, String vip) {
        return new ChannelSpec(name, "eth0", family, vrid, version, auth, Duration.ofSeconds(1), Optional.empty(), List.of(),
                List.of(VirtualAddress.of(ip(vip), family == AddressFamily.IPV4 ? 24 : 32)));
    }

    private static ChannelSpec unicastSpec(String name, int vrid, String vip) {
        return new ChannelSpec(name, "eth0", AddressFamily.IPV4, vrid, 3, Authentication.NONE, Duration.ofSeconds(1),
                Optional.of(ip("10.99.0.1")), List.of(ip("10.99.0.2")), List.of(VirtualAddress.of(ip(vip), 24)));
    }

    @Test
    void keepalivedAdvertsDecodeAndKeepalivedObeysOurs() throws Exception {
        Integration.requireRoot();
        Integration.requireCommand("keepalived");
        try (NetworkLab lab = NetworkLab.create();
                RawSocketAdvertTransport transport = new RawSocketAdvertTransport()) {
            lab.addHost("spare", "10.99.0.1/24", "fd99::1/64");
            lab.addHost("kad", "10.99.0.2/24", "fd99::2/64");
            RecordingListener v2 = new RecordingListener();
            RecordingListener v3 = new RecordingListener();
            RecordingListener v6 = new RecordingListener();
            RecordingListener wrong = new RecordingListener();
            List<VrrpChannel> channels = new ArrayList<>();
            Path ns = lab.namespacePath("spare");
            VrrpChannel c2 = Netns.call(ns, () -> transport.open(spec("S_1", AddressFamily.IPV4, 51, 2, Authentication.pass("1111"),
                    "10.99.0.200"), v2));
            VrrpChannel c3 = Netns.call(ns, () -> transport.open(spec("S_3", AddressFamily.IPV4, 52, 3, Authentication.NONE,
                    "10.99.0.201"), v3));
            VrrpChannel c6 = Netns.call(ns, () -> transport.open(spec("S_6", AddressFamily.IPV6, 53, 3, Authentication.NONE,
                    "fd99::200"), v6));
            VrrpChannel cw = Netns.call(ns, () -> transport.open(spec("S_W", AddressFamily.IPV4, 54, 2, Authentication.pass("1111"),
                    "10.99.0.202"), wrong));
            RecordingListener vu = new RecordingListener();
            VrrpChannel cu = Netns.call(ns, () -> transport.open(unicastSpec("S_U", 55, "10.99.0.205"), vu));
            RecordingListener vo = new RecordingListener();
            VrrpChannel co = Netns.call(ns, () -> transport.open(unicastSpec("S_O", 56, "10.99.0.206"), vo));
            channels.addAll(List.of(c2, c3, c6, cw, cu, co));

            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, CONFIG);
            Path log = dir.resolve("keepalived.log");
            Process keepalived = lab.start("kad", log, "keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                    "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                    "-c", dir.resolve("checkers.pid").toString());
            try {
                // keepalived becomes MASTER after 3 x 1 s + skew and starts advertising.
                boolean heard = RecordingListener.await(Duration.ofSeconds(15), () -> !v2.adverts.isEmpty() && !v3.adverts.isEmpty()
                        && !v6.adverts.isEmpty() && !vu.adverts.isEmpty() && !vo.adverts.isEmpty() && cw.counters().getOrDefault("auth", 0L) > 0, () -> {});
                assertThat(heard).as("keepalived adverts; log:%n%s", read(log)).isTrue();

                RecordingListener.Received first2 = v2.adverts.get(0);
                assertThat(first2.source()).isEqualTo(ip("10.99.0.2"));
                assertThat(first2.advertisement()).isEqualTo(new Advertisement(2, 51, 100, Duration.ofSeconds(1),
                        List.of(ip("10.99.0.200")), Authentication.pass("1111")));
                RecordingListener.Received first3 = v3.adverts.get(0);
                assertThat(first3.source()).isEqualTo(ip("10.99.0.2"));
                assertThat(first3.advertisement()).isEqualTo(new Advertisement(3, 52, 100, Duration.ofMillis(1000),
                        List.of(ip("10.99.0.201")), Authentication.NONE));
                RecordingListener.Received first6 = v6.adverts.get(0);
                assertThat(first6.source().isLinkLocalAddress()).as("IPv6 source %s", first6.source()).isTrue();
                assertThat(first6.advertisement()).isEqualTo(new Advertisement(3, 53, 100, Duration.ofMillis(1000),
                        List.of(ip("fd99::200")), Authentication.NONE));
                RecordingListener.Received firstU = vu.adverts.get(0);
                assertThat(firstU.source()).isEqualTo(ip("10.99.0.2"));
                // Unicast v3: keepalived's checksum covers our address as destination, not the group.
                assertThat(firstU.advertisement()).isEqualTo(new Advertisement(3, 55, 100, Duration.ofMillis(1000),
                        List.of(ip("10.99.0.205")), Authentication.NONE));
                // keepalived's old_unicast_checksum (pre-1.3.6 style, over 224.0.0.18) is still understood.
                assertThat(vo.adverts.get(0).advertisement().vrid()).isEqualTo(56);
                assertThat(co.counters().get("old_unicast_checksum")).isPositive();
                assertThat(cu.counters()).doesNotContainKey("old_unicast_checksum");
                assertThat(wrong.adverts).as("wrong password never delivered").isEmpty();
                for (VrrpChannel channel : List.of(c2, c3, c6, cu)) {
                    assertThat(channel.counters()).doesNotContainKeys("address_list_mismatch", "ttl", "checksum", "auth");
                }

                // Our priority 150 beats keepalived's 100: it must step down on all three.
                String six = c6.sourceAddress().getHostAddress();
                List<String> expected = List.of(
                        "(VI_1) Master received advert from 10.99.0.1 with higher priority 150, ours 100",
                        "(VI_3) Master received advert from 10.99.0.1 with higher priority 150, ours 100",
                        "(VI_6) Master received advert from " + compress(six) + " with higher priority 150, ours 100",
                        "(VI_U) Master received advert from 10.99.0.1 with higher priority 150, ours 100",
                        "(VI_U) Entering MASTER STATE",
                        "(VI_1) Entering MASTER STATE",
                        "(VI_3) Entering MASTER STATE",
                        "(VI_6) Entering MASTER STATE");
                List<Advertisement> ours = List.of(
                        new Advertisement(2, 51, 150, Duration.ofSeconds(1), List.of(ip("10.99.0.200")), Authentication.pass("1111")),
                        new Advertisement(3, 52, 150, Duration.ofMillis(1000), List.of(ip("10.99.0.201")), Authentication.NONE),
                        new Advertisement(3, 53, 150, Duration.ofMillis(1000), List.of(ip("fd99::200")), Authentication.NONE),
                        new Advertisement(3, 55, 150, Duration.ofMillis(1000), List.of(ip("10.99.0.205")), Authentication.NONE));
                long[] lastSent = {0};
                boolean backup = RecordingListener.await(Duration.ofSeconds(10), () -> containsAll(log, expected)
                        && List.of("VI_1", "VI_3", "VI_6", "VI_U").stream().allMatch(name -> backupAfterMaster(log, name)), () -> {
                    if (System.nanoTime() - lastSent[0] > 500_000_000L) {
                        lastSent[0] = System.nanoTime();
                        try {
                            c2.send(ours.get(0));
                            c3.send(ours.get(1));
                            c6.send(ours.get(2));
                            cu.send(ours.get(3));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                assertThat(backup).as("keepalived stepped down; log:%n%s", read(log)).isTrue();

                // Our priority-0 advert (what a stopping master sends) lets keepalived take over at once.
                List<String> takeover = List.of("VI_1", "VI_3", "VI_6", "VI_U").stream()
                        .map(name -> "(" + name + ") Backup received priority 0 advertisement").toList();
                long[] lastZero = {0};
                boolean tookOver = RecordingListener.await(Duration.ofSeconds(5), () -> containsAll(log, takeover), () -> {
                    if (System.nanoTime() - lastZero[0] > 300_000_000L) {
                        lastZero[0] = System.nanoTime();
                        try {
                            c2.send(ours.get(0).withPriority(0));
                            c3.send(ours.get(1).withPriority(0));
                            c6.send(ours.get(2).withPriority(0));
                            cu.send(ours.get(3).withPriority(0));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                assertThat(tookOver).as("keepalived took over on priority 0; log:%n%s", read(log)).isTrue();
                assertThat(read(log)).doesNotContain("Invalid VRRPv3 checksum", "Invalid VRRPv2 checksum", "invalid TTL",
                        "received an invalid passwd", "advertisement interval mismatch");
            } finally {
                keepalived.destroy();
                if (!keepalived.waitFor(10, TimeUnit.SECONDS)) {
                    NetworkLab.killTree(keepalived);
                }
                channels.forEach(VrrpChannel::close);
            }
        }
    }

    /** keepalived prints IPv6 addresses as inet_ntop does: the longest run of zero groups as "::". */
    static String compress(String address) {
        String[] groups = ip(address).getHostAddress().split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** "(VI_x) Entering BACKUP STATE" (not the "(init)" one) after "(VI_x) Entering MASTER STATE". */
    private static boolean backupAfterMaster(Path log, String instance) {
        List<String> lines = read(log).lines().toList();
        int master = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("(" + instance + ") Entering MASTER STATE")) {
                master = i;
            } else if (master >= 0 && line.strip().endsWith("(" + instance + ") Entering BACKUP STATE")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAll(Path log, List<String> lines) {
        String text = read(log);
        return lines.stream().allMatch(text::contains);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }
}
