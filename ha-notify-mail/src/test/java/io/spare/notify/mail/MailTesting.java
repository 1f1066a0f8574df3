package io.spare.notify.mail;

import io.spare.api.ScriptSecurity;
import io.spare.api.StateTransition;
import io.spare.api.Ticker;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import io.spare.api.testing.TestingPluginConfig;
import io.spare.api.testing.TestingPluginContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Shared fixtures: a fixed clock, a context, transitions, config maps. */
final class MailTesting {
    static final Instant NOW = Instant.parse("2026-11-24T20:30:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestingPluginContext CONTEXT =
            new TestingPluginContext("LVS_DEVEL", "lb1", Path.of("/etc/spare"), Ticker.system(), CLOCK, ScriptSecurity.defaults());

    /** The default body for {@code transition(BACKUP, MASTER, "master down timer expired")}. */
    static final String MASTER_BODY = """
            2026-11-24 20:30:05: vrrp transition, lb1 changed to be master

            instance: VI_1
            group: G1
            transition: BACKUP -> MASTER
            priority: 100
            vips: 192.168.80.114
            reason: master down timer expired
            router_id: LVS_DEVEL""";

    private MailTesting() {}

    static VirtualAddress vip(String address, int prefix) {
        try {
            return VirtualAddress.of(InetAddress.getByName(address), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static StateTransition transition(VrrpState from, VrrpState to, String reason) {
        return new StateTransition(StateTransition.Scope.INSTANCE, "VI_1", Optional.of("G1"), from, to, 100,
                List.of(vip("192.168.80.114", 24)), reason, NOW);
    }

    /** The smallest valid block plus {@code more}. */
    static Map<String, Object> block(String server, Object... more) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("notification_email", List.of("root@localhost", "ops@example.com"));
        map.put("notification_email_from", "soul@example.com");
        map.put("smtp_server", server);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    static TestingPluginConfig config(Map<String, Object> values) {
        return TestingPluginConfig.of("global", values);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; true if it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return condition.getAsBoolean();
    }
}
