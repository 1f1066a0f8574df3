package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subject or body template: text with {@code ${name}} placeholders, {@code $$} for a literal
 * {@code $}. Parsed once at configuration time, so that an unknown placeholder is a configuration
 * error and never a surprise in the first mail.
 */
final class MailTemplate {
    private final String source;
    private final List<Part> parts;

    private MailTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException naming the unknown placeholder or the unclosed {@code ${} */
    static MailTemplate parse(String source, Set<String> known) {
        requireNonNull(source, "source");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int close = source.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'${' at offset " + i + " has no closing '}'");
                }
                String name = source.substring(i + 2, close).trim();
                if (!known.contains(name)) {
                    throw new IllegalArgumentException(
                            "unknown placeholder ${" + name + "}; known: " + String.join(", ", known.stream().sorted().toList()));
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(name));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new MailTemplate(source, parts);
    }

    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Placeholder placeholder) {
                out.append(requireNonNull(values.get(placeholder.name()), () -> "no value for ${" + placeholder.name() + "}"));
            } else {
                out.append(((Literal) part).text());
            }
        }
        return out.toString();
    }

    String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    private sealed interface Part permits Literal, Placeholder {}

    private record Literal(String text) implements Part {}

    private record Placeholder(String name) implements Part {}
}
