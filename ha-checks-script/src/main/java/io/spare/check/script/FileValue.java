package io.spare.check.script;

import java.util.OptionalLong;

/**
 * Parses a {@code track_file}'s content as keepalived does with {@code strtol(buf, NULL, 0)}:
 * leading blanks, an optional sign, then decimal, {@code 0x} hex or {@code 0} octal digits; trailing
 * text is ignored and no digits at all read as 0.
 */
final class FileValue {
    private FileValue() {}

    /** The number, or empty if it does not fit in an int. */
    static OptionalLong parse(String content) {
        int i = 0;
        while (i < content.length() && Character.isWhitespace(content.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < content.length() && (content.charAt(i) == '+' || content.charAt(i) == '-')) {
            negative = content.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (content.startsWith("0x", i) || content.startsWith("0X", i)) {
            if (i + 2 < content.length() && Character.digit(content.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (content.startsWith("0", i)) {
            radix = 8;
        }
        long value = 0;
        while (i < content.length() && Character.digit(content.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(content.charAt(i), radix);
            if (value > (long) Integer.MAX_VALUE + 1) {
                return OptionalLong.empty();
            }
            i++;
        }
        value = negative ? -value : value;
        return value > Integer.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
