package io.spare.cli.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status document as {@code spare status} prints it for people: one table per kind of thing. */
public final class StatusTable {
    private StatusTable() {}

    /**
     * @param counters also print every counter that is not zero, under its instance or check
     */
    public static void print(JsonNode status, boolean counters, PrintWriter out) {
        out.println("Spare status at " + status.path("at").asText());
        JsonNode instances = status.path("instances");
        if (instances.isEmpty()) {
            out.println();
            out.println("no instances");
        } else {
            Table table = new Table("INSTANCE", "STATE", "INTERFACE", "VRID", "VERSION", "PRIORITY", "MASTER", "VIPS");
            for (JsonNode i : instances) {
                table.row(i.path("name").asText(), i.path("state").asText(), i.path("interface").asText(),
                        i.path("vrid").asText(), "v" + i.path("version").asText(), priority(i), master(i), vips(i));
                i.path("conditions").forEach(c -> table.note("! " + c.asText()));
                if (counters) {
                    counterNote(table, i.path("counters"));
                }
            }
            out.println();
            table.print(out);
        }
        JsonNode groups = status.path("sync_groups");
        if (!groups.isEmpty()) {
            Table table = new Table("SYNC GROUP", "STATE", "MEMBERS");
            for (JsonNode g : groups) {
                List<String> members = new ArrayList<>();
                g.path("members").forEach(m -> members.add(m.asText()));
                table.row(g.path("name").asText(), g.path("state").asText(), String.join(", ", members));
            }
            out.println();
            table.print(out);
        }
        JsonNode checks = status.path("checks");
        if (!checks.isEmpty()) {
            Table table = new Table("CHECK", "RESULT", "RUNS", "FAILURES", "TIMEOUTS", "LAST RUN", "MESSAGE");
            for (JsonNode c : checks) {
                String result = c.path("ok").asBoolean() ? "ok" : "FAILING";
                if (!c.path("value").isNull()) {
                    result += " (" + c.path("value").asText() + ")";
                }
                table.row(c.path("name").asText(), result, c.path("runs").asText(), c.path("failures").asText(),
                        c.path("timeouts").asText(), String.format(Locale.ROOT, "%.1f ms", c.path("last_duration_ms").asDouble()),
                        c.path("message").asText());
                if (counters) {
                    counterNote(table, c.path("counters"));
                }
            }
            out.println();
            table.print(out);
        }
        JsonNode notifiers = status.path("notifiers");
        if (!notifiers.isEmpty()) {
            Table table = new Table("NOTIFIER", "DELIVERED", "FAILED", "TIMED OUT", "DROPPED", "QUEUED");
            for (JsonNode n : notifiers) {
                table.row(n.path("name").asText(), n.path("delivered").asText(), n.path("failed").asText(),
                        n.path("timed_out").asText(), n.path("dropped").asText(), n.path("queued").asText());
            }
            out.println();
            table.print(out);
        }
        out.flush();
    }

    private static String priority(JsonNode i) {
        int base = i.path("priority").asInt();
        int effective = i.path("effective_priority").asInt();
        return effective == base ? Integer.toString(base) : effective + " (configured " + base + ")";
    }

    private static String master(JsonNode i) {
        if ("MASTER".equals(i.path("state").asText())) {
            return "this host";
        }
        JsonNode master = i.path("master");
        if (master.isNull() || master.isMissingNode()) {
            return "-";
        }
        return master.path("address").asText() + " (" + master.path("priority").asText() + ")";
    }

    private static String vips(JsonNode i) {
        List<String> all = new ArrayList<>();
        i.path("vips").forEach(v -> all.add(v.asText()));
        String shown = all.isEmpty() ? "-" : all.size() <= 2 ? String.join(", ", all) : all.get(0) + " and " + (all.size() - 1) + " more";
        return i.path("holds_vips").asBoolean() ? shown + " (held)" : shown;
    }

    private static void counterNote(Table table, JsonNode counters) {
        List<String> nonZero = new ArrayList<>();
        for (Map.Entry<String, JsonNode> counter : counters.properties()) {
            if (counter.getValue().asLong() != 0) {
                nonZero.add(counter.getKey() + " " + counter.getValue().asLong());
            }
        }
        if (!nonZero.isEmpty()) {
            table.note("  " + String.join(", ", nonZero));
        }
    }

    /** Left-aligned columns two spaces apart; a note is a line of its own under the row before it. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final int columns;

        Table(String... header) {
            columns = header.length;
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void note(String text) {
            rows.add(new String[] {text});
        }

        void print(PrintWriter out) {
            int[] widths = new int[columns];
            for (String[] row : rows) {
                if (row.length == columns) {
                    for (int c = 0; c < columns; c++) {
                        widths[c] = Math.max(widths[c], row[c].length());
                    }
                }
            }
            for (String[] row : rows) {
                if (row.length != columns) {
                    out.println("  " + row[0]);
                    continue;
                }
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    line.append(row[c]);
                    if (c < columns - 1) {
                        line.append(" ".repeat(widths[c] - row[c].length() + 2));
                    }
                }
                out.println(line);
            }
        }
    }
}
