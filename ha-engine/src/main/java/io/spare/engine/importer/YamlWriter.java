package io.spare.engine.importer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the importer's tree as YAML: maps ({@link Map}, in their order) and lists in block style,
 * {@link Flow} values on one line, strings quoted only when YAML would read them as something else
 * (numbers, booleans, null) or when they hold spaces or YAML punctuation. Keeping the writer here
 * rather than using a generic emitter gives stable, readable output that mirrors keepalived.conf.
 */
final class YamlWriter {
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(\\.?[0-9][0-9_]*)(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Set<String> RESERVED_WORDS = Set.of(
            "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "=", "<<");
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@+=-]*");

    /** A map or list written on one line: {@code {name: x, weight: -3}}, {@code [a, b]}. */
    record Flow(Object value) {}

    private final StringBuilder out = new StringBuilder();

    static String write(List<String> headerComment, Map<String, Object> document) {
        YamlWriter writer = new YamlWriter();
        headerComment.forEach(line -> writer.out.append(line.isEmpty() ? "#" : "# " + printable(line)).append('\n'));
        boolean first = true;
        for (Map.Entry<String, Object> section : document.entrySet()) {
            if (!first || !headerComment.isEmpty()) {
                writer.out.append('\n');
            }
            first = false;
            writer.entry(0, section.getKey(), section.getValue());
        }
        return writer.out.toString();
    }

    /** A comment ends at a line break and YAML forbids control characters anywhere: show them escaped. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if ((c < 0x20 && c != '\t') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.append((char) c);
            }
        });
        return shown.toString();
    }

    private void entry(int indent, String key, Object value) {
        out.append(" ".repeat(indent)).append(scalar(key)).append(':');
        value(indent, value);
    }

    @SuppressWarnings("unchecked")
    private void value(int indent, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append(" {}\n");
                return;
            }
            out.append('\n');
            ((Map<String, Object>) map).forEach((k, v) -> entry(indent + 2, k, v));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent + 2)).append("- ").append(flow(item)).append('\n');
            }
        } else {
            out.append(' ').append(flow(value)).append('\n');
        }
    }

    private static String flow(Object value) {
        if (value instanceof Flow wrapped) {
            return flow(wrapped.value());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            map.forEach((k, v) -> {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(scalar(k)).append(": ").append(flow(v));
            });
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (Object item : list) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(flow(item));
            }
            return text.append(']').toString();
        }
        return scalar(value);
    }

    static String scalar(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        String text = String.valueOf(value);
        return needsQuotes(text) ? doubleQuoted(text) : text;
    }

    static boolean needsQuotes(String text) {
        return text.isEmpty()
                || !PLAIN_SAFE.matcher(text).matches()
                || NUMBER_LIKE.matcher(text).matches()
                || RESERVED_WORDS.contains(text.toLowerCase(Locale.ROOT));
    }

    private static String doubleQuoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
