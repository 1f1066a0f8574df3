package io.spare.cli.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spare.api.VirtualAddress;
import io.spare.engine.check.CheckStatus;
import io.spare.engine.notify.NotifierStatus;
import io.spare.engine.runtime.EngineStatus;
import io.spare.engine.runtime.InstanceStatus;
import io.spare.engine.runtime.SyncGroupStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status document the control socket serves and {@code spare status --json} prints. Its
 * field names are snake_case like the configuration's, and {@code format} is raised whenever a
 * field changes meaning or goes away (new fields do not raise it), so that scripts can rely on it.
 */
public final class StatusJson {
    /** The version of the document's layout. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {}

    public static byte[] encode(EngineStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("at", status.at().toString());
        ArrayNode instances = root.putArray("instances");
        status.instances().forEach(i -> instance(instances.addObject(), i));
        ArrayNode groups = root.putArray("sync_groups");
        status.syncGroups().forEach(g -> syncGroup(groups.addObject(), g));
        ArrayNode checks = root.putArray("checks");
        status.checks().forEach(c -> check(checks.addObject(), c));
        ArrayNode notifiers = root.putArray("notifiers");
        status.notifiers().forEach(n -> notifier(notifiers.addObject(), n));
        return write(root);
    }

    /** What the daemon answers when it cannot produce the status. */
    public static byte[] error(String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("error", message);
        return write(root);
    }

    /** Parses a document; {@link IOException} names what is wrong with it. */
    public static JsonNode decode(byte[] document) throws IOException {
        JsonNode root = MAPPER.readTree(document);
        if (root == null || !root.isObject()) {
            throw new IOException("the answer is not a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IOException("the answer has format " + root.path("format") + "; this spare reads format " + FORMAT
                    + " (is the daemon from another version of Spare?)");
        }
        return root;
    }

    private static void instance(ObjectNode node, InstanceStatus i) {
        node.put("name", i.name());
        node.put("interface", i.interfaceName());
        node.put("vrid", i.virtualRouterId());
        node.put("version", i.version());
        node.put("state", i.state().name());
        node.put("priority", i.basePriority());
        node.put("effective_priority", i.effectivePriority());
        if (i.masterAddress().isPresent()) {
            ObjectNode master = node.putObject("master");
            master.put("address", i.masterAddress().get().getHostAddress());
            master.put("priority", i.masterPriority());
        } else {
            node.putNull("master");
        }
        node.put("advert_int_ms", i.masterAdverInterval().toMillis());
        node.put("holds_vips", i.holdsAddresses());
        ArrayNode vips = node.putArray("vips");
        i.virtualAddresses().stream().map(VirtualAddress::toString).forEach(vips::add);
        ArrayNode conditions = node.putArray("conditions");
        i.conditions().forEach(conditions::add);
        counters(node.putObject("counters"), i.counters());
    }

    private static void syncGroup(ObjectNode node, SyncGroupStatus g) {
        node.put("name", g.name());
        node.put("state", g.state().name());
        ArrayNode members = node.putArray("members");
        g.members().forEach(members::add);
    }

    private static void check(ObjectNode node, CheckStatus c) {
        node.put("name", c.name());
        node.put("ok", c.ok());
        if (c.value().isPresent()) {
            node.put("value", c.value().getAsInt());
        } else {
            node.putNull("value");
        }
        node.put("message", c.message());
        node.put("runs", c.runs());
        node.put("failures", c.failures());
        node.put("timeouts", c.timeouts());
        node.put("skipped", c.skipped());
        node.put("last_duration_ms", millis(c.lastDuration()));
        counters(node.putObject("counters"), c.pluginCounters());
    }

    private static void notifier(ObjectNode node, NotifierStatus n) {
        node.put("name", n.name());
        node.put("delivered", n.delivered());
        node.put("failed", n.failed());
        node.put("timed_out", n.timedOut());
        node.put("dropped", n.dropped());
        node.put("queued", n.queued());
    }

    private static void counters(ObjectNode node, Map<String, Long> counters) {
        // sorted, so that the same counters always come in the same order
        new TreeMap<>(counters).forEach(node::put);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }

    private static byte[] write(JsonNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            // a tree of strings and numbers always serializes
            throw new IllegalStateException(e);
        }
    }
}
