package io.spare.engine.config;

/** Linux's rules for a network interface name (what {@code dev_valid_name} accepts). */
final class InterfaceNames {
    /** IFNAMSIZ minus the terminating zero. */
    static final int MAX_LENGTH = 15;

    private InterfaceNames() {}

    static boolean valid(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    static String rule(String key, String name) {
        return key + " must be an interface name: 1.." + MAX_LENGTH + " characters, no '/', ':' or spaces (was '" + name + "')";
    }
}
