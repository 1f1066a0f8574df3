package io.spare.cli.it;

import java.time.Duration;

/**
 * One VRRP setup of the failover matrix: protocol version, address family, advert interval,
 * authentication and unicast. Nodes are host {@code a} (.1), {@code b} (.2), the client is .100;
 * the VIP is .200 in 10.99.0.0/24 or fd99::/64.
 */
record Flavor(String name, int version, Duration advertInt, boolean ipv6, boolean pass, boolean unicast) {
    static final int VRID = 51;

    static final Flavor V2_PASS = new Flavor("v2-pass-1s", 2, Duration.ofSeconds(1), false, true, false);
    static final Flavor V3_IPV4 = new Flavor("v3-ipv4-100ms", 3, Duration.ofMillis(100), false, false, false);
    static final Flavor V3_IPV6 = new Flavor("v3-ipv6-100ms", 3, Duration.ofMillis(100), true, false, false);
    static final Flavor V3_UNICAST = new Flavor("v3-ipv4-unicast-100ms", 3, Duration.ofMillis(100), false, false, true);

    String vip() {
        return ipv6 ? "fd99::200" : "10.99.0.200";
    }

    String vipCidr() {
        return vip() + (ipv6 ? "/64" : "/24");
    }

    /** The address of a host of the lab: a, b or client. */
    static String ipv4(String host) {
        return "10.99.0." + suffix(host);
    }

    static String ipv6(String host) {
        return "fd99::" + suffix(host);
    }

    private static int suffix(String host) {
        return switch (host) {
            case "a" -> 1;
            case "b" -> 2;
            case "client" -> 100;
            default -> throw new IllegalArgumentException("no host " + host);
        };
    }

    /** The peer of a node in a two-node lab. */
    static String peer(String host) {
        return host.equals("a") ? "b" : "a";
    }

    /** RFC 3768 / 5798 skew time for a backup of this priority. */
    Duration skew(int priority) {
        long micros = version == 2
                ? (256L - priority) * 1_000_000L / 256
                : (256L - priority) * advertInt.toNanos() / 1000 / 256;
        return Duration.ofNanos(micros * 1000);
    }

    /** Master_Down_Interval of a backup of this priority: 3 adverts plus its skew. */
    Duration masterDown(int priority) {
        return advertInt.multipliedBy(3).plus(skew(priority));
    }

    /** Slack on top of the RFC timers: process scheduling, netlink, the tests' 10 ms polling. */
    Duration margin() {
        return advertInt.compareTo(Duration.ofMillis(400)) > 0 ? advertInt : Duration.ofMillis(400);
    }

    String keepalivedAdvertInt() {
        long ms = advertInt.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%.2f", ms / 1000.0);
    }

    String spareAdvertInt() {
        return advertInt.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return name;
    }
}
