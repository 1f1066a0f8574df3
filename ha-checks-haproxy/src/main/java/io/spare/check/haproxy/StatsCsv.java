package io.spare.check.haproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the CSV of {@code show stat} and of the stats page's {@code ;csv} export. Fields are found
 * by their header names, not positions, because HAProxy appends fields in every release. Values that
 * contain commas come quoted ({@code "..."}, with {@code ""} for a quote), as HAProxy's csv_enc
 * writes them.
 */
final class StatsCsv {
    private StatsCsv() {}

    static List<StatsRow> parse(String csv) throws StatsFormatException {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            throw new StatsFormatException("not a stats CSV: HAProxy answered " + StatsFormatException.excerpt(csv));
        }
        List<String> header = split(lines.get(0).substring(1).trim());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim(), i);
        }
        for (String required : List.of("pxname", "svname", "status")) {
            if (!index.containsKey(required)) {
                throw new StatsFormatException("not a stats CSV: the header has no '" + required + "' field");
            }
        }
        List<StatsRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith("#")) {
                continue; // a second header, as when two answers are concatenated
            }
            List<String> fields = split(line);
            String proxy = field(fields, index, "pxname");
            String service = field(fields, index, "svname");
            if (proxy.isEmpty() || service.isEmpty()) {
                throw new StatsFormatException("stats CSV line " + (n + 1) + " has no proxy or service name: "
                        + StatsFormatException.excerpt(line));
            }
            rows.add(new StatsRow(
                    proxy,
                    service,
                    RowType.of(field(fields, index, "type"), service),
                    field(fields, index, "status"),
                    number(field(fields, index, "scur"), n + 1, "scur"),
                    "1".equals(field(fields, index, "bck").trim())));
        }
        return List.copyOf(rows);
    }

    private static String field(List<String> fields, Map<String, Integer> index, String name) {
        Integer position = index.get(name);
        return position == null || position >= fields.size() ? "" : fields.get(position);
    }

    private static long number(String value, int line, String name) throws StatsFormatException {
        if (value.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StatsFormatException("stats CSV line " + line + ": " + name + " is not a number: '" + value + "'");
        }
    }

    /** Splits one CSV line; a trailing comma ends the line with an empty field, as HAProxy's lines do. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
