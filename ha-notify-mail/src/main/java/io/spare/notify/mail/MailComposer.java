package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import io.spare.api.StateTransition;
import io.spare.api.VirtualAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a transition into a mail with the configured templates. The defaults read like keepalived's
 * sample notify.sh: subject {@code <host> to be master: <VIP> floating}, body starting {@code
 * <date>: vrrp transition, <host> changed to be master}, then the details.
 */
final class MailComposer {
    /** The placeholders templates may use. */
    static final Set<String> PLACEHOLDERS = Set.of(
            "instance", "group", "scope", "from", "to", "state", "priority", "vips", "vip", "hostname", "router_id", "time", "reason");

    static final String DEFAULT_SUBJECT = "${hostname} to be ${state}: ${vips} floating";
    static final String DEFAULT_BODY = """
            ${time}: vrrp transition, ${hostname} changed to be ${state}

            instance: ${instance}
            group: ${group}
            transition: ${from} -> ${to}
            priority: ${priority}
            vips: ${vips}
            reason: ${reason}
            router_id: ${router_id}""";

    /** What {@code ${instance}}, {@code ${group}}, {@code ${vip}} and {@code ${vips}} say when there is none. */
    static final String NONE = "-";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final MailTemplate subject;
    private final MailTemplate body;
    private final String hostname;
    private final String routerId;
    private final Clock wallClock;

    MailComposer(MailTemplate subject, MailTemplate body, String hostname, String routerId, Clock wallClock) {
        this.subject = requireNonNull(subject, "subject");
        this.body = requireNonNull(body, "body");
        this.hostname = requireNonNull(hostname, "hostname");
        this.routerId = requireNonNull(routerId, "routerId");
        this.wallClock = requireNonNull(wallClock, "wallClock");
    }

    /** The mail for {@code transition}, dated now: when notify.sh would have run {@code date}. */
    OutgoingMail compose(StateTransition transition) {
        Instant now = wallClock.instant();
        Map<String, String> values = values(transition, now);
        // A header cannot carry line breaks; a multi-line reason must not break the subject.
        String subjectLine = subject.render(values).replaceAll("[\\r\\n]+", " ").strip();
        return new OutgoingMail(about(transition), subjectLine, body.render(values), now);
    }

    Map<String, String> values(StateTransition transition, Instant now) {
        boolean instance = transition.scope() == StateTransition.Scope.INSTANCE;
        List<String> addresses = transition.virtualAddresses().stream()
                .map(VirtualAddress::address)
                .map(MailComposer::text)
                .toList();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("instance", instance ? transition.name() : NONE);
        values.put("group", instance ? transition.group().orElse(NONE) : transition.name());
        values.put("scope", instance ? "instance" : "group");
        values.put("from", transition.from().name());
        values.put("to", transition.to().name());
        values.put("state", transition.to().name().toLowerCase(Locale.ROOT));
        values.put("priority", Integer.toString(transition.priority()));
        values.put("vips", addresses.isEmpty() ? NONE : addresses.stream().collect(Collectors.joining(", ")));
        values.put("vip", addresses.isEmpty() ? NONE : addresses.get(0));
        values.put("hostname", hostname);
        values.put("router_id", routerId);
        values.put("time", TIME.format(now.atZone(wallClock.getZone())));
        values.put("reason", transition.reason());
        return values;
    }

    /** An address as {@code ip} prints it: IPv6 in the short form of RFC 5952 ({@code fd99::10}). */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    static String about(StateTransition transition) {
        String scope = transition.scope() == StateTransition.Scope.INSTANCE ? "instance" : "group";
        return scope + " " + transition.name() + " " + transition.from() + " -> " + transition.to();
    }
}
