package io.spare.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import io.spare.api.DidYouMean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts one YAML value to a Java value, or reports why it cannot (at the value's location) and
 * returns empty. Never throws: a load reports every problem at once.
 */
final class Scalars {
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(pass|secret|token|key).*");

    private final Diagnostics diagnostics;

    Scalars(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<String> string(JsonNode node, String path) {
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isNumber() || node.isBoolean()) {
            // a string was meant: keep it as written (auth_pass: 0123 stays "0123")
            return Optional.of(diagnostics.sourceMap().scalarText(path).orElse(node.asText()));
        }
        return expected("a string", node, path);
    }

    Optional<String> nonEmptyString(JsonNode node, String path) {
        Optional<String> text = string(node, path);
        if (text.isPresent() && text.get().isBlank()) {
            diagnostics.error(path, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    Optional<Integer> integer(JsonNode node, String path, int min, int max) {
        Optional<Long> value = wholeNumber(node, path);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() < min || value.get() > max) {
            diagnostics.error(path, "must be " + min + ".." + max + " (was " + value.get() + ")");
            return Optional.empty();
        }
        return Optional.of(value.get().intValue());
    }

    private Optional<Long> wholeNumber(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Optional.of(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Long.parseLong(node.textValue().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        return expected("a whole number", node, path);
    }

    Optional<Boolean> bool(JsonNode node, String path) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(text.equals("true"));
            }
        }
        return expected("true or false", node, path);
    }

    Optional<Duration> duration(JsonNode node, String path) {
        try {
            if (node.isNumber()) {
                return Optional.of(Durations.ofSeconds(node.decimalValue()));
            }
            if (node.isTextual()) {
                return Optional.of(Durations.parse(node.textValue()));
            }
        } catch (IllegalArgumentException e) {
            diagnostics.error(path, e.getMessage());
            return Optional.empty();
        }
        return expected(Durations.EXPECTED, node, path);
    }

    /** An IP address literal; host names are refused (no DNS lookups while loading). */
    Optional<InetAddress> address(JsonNode node, String path) {
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (InetAddresses.isInetAddress(text)) {
                return Optional.of(InetAddresses.forString(text));
            }
        }
        return expected("an IPv4 or IPv6 address", node, path);
    }

    <E extends Enum<E>> Optional<E> enumeration(JsonNode node, String path, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (node.isTextual()) {
            String text = node.textValue().trim();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return Optional.of(constant);
                }
            }
            diagnostics.error(path, "expected one of " + String.join(", ", names) + " (was '" + text + "')"
                    + DidYouMean.hint(text, names));
            return Optional.empty();
        }
        return expected("one of " + String.join(", ", names), node, path);
    }

    private <T> Optional<T> expected(String what, JsonNode node, String path) {
        diagnostics.error(path, "expected " + what + ", found " + describe(node, path));
        return Optional.empty();
    }

    /** How a value is shown in messages; secrets are masked. */
    String describe(JsonNode node, String path) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (isSecret(path)) {
            return "'****'";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        return diagnostics.sourceMap().scalarText(path).orElse(node.asText());
    }

    /** Whether the last key of {@code path} names a secret, whose value must never be shown. */
    static boolean isSecret(String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        return SECRET_KEY.matcher(key).matches();
    }
}
