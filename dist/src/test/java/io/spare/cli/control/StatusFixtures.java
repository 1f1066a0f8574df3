package io.spare.cli.control;

import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import io.spare.engine.check.CheckStatus;
import io.spare.engine.notify.NotifierStatus;
import io.spare.engine.runtime.EngineStatus;
import io.spare.engine.runtime.InstanceStatus;
import io.spare.engine.runtime.SyncGroupStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A daemon's status as a test wants it: a MASTER, a BACKUP with trouble, a group, a check, a notifier. */
public final class StatusFixtures {
    public static final Instant AT = Instant.parse("2026-11-25T10:15:30.250Z");

    private StatusFixtures() {}

    public static EngineStatus sample() throws Exception {
        InstanceStatus web = new InstanceStatus("VI_WEB", "eth0", 51, 2,
                List.of(VirtualAddress.of(InetAddress.getByName("10.99.0.100"), 24)),
                VrrpState.MASTER, 150, 150, Optional.empty(), 0, Duration.ofSeconds(1), true, List.of(),
                Map.of("adverts_sent", 42L, "channel_auth", 0L));
        InstanceStatus db = new InstanceStatus("VI_DB", "eth1", 52, 3,
                List.of(VirtualAddress.of(InetAddress.getByName("10.99.1.100"), 24),
                        VirtualAddress.of(InetAddress.getByName("10.99.1.101"), 24),
                        VirtualAddress.of(InetAddress.getByName("10.99.1.102"), 24)),
                VrrpState.BACKUP, 100, 80, Optional.of(InetAddress.getByName("10.99.1.2")), 120, Duration.ofMillis(100),
                false, List.of("version_mismatch: 10.99.1.9 (v2)"),
                Map.of("adverts_received", 7L, "channel_auth", 3L, "channel_interface.unknown_vrid", 1L));
        SyncGroupStatus group = new SyncGroupStatus("G1", VrrpState.BACKUP, List.of("VI_WEB", "VI_DB"));
        CheckStatus check = new CheckStatus("chk_haproxy", false, OptionalInt.of(2), "2 of 3 servers down", 10, 4, 1, 0,
                Duration.ofNanos(2_500_000), Map.of("http_errors", 4L));
        NotifierStatus mail = new NotifierStatus("mail", 5, 1, 0, 0, 2);
        return new EngineStatus(AT, List.of(web, db), List.of(group), List.of(check), List.of(mail));
    }
}
