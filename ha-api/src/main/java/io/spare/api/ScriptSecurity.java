package io.spare.api;

import java.util.Optional;

/**
 * The global script settings ({@code global.enable_script_security} and {@code
 * global.script_user}). Security is on by default in Spare, unlike keepalived: a script, or any
 * directory on its path, writable by a user other than root (or the script user) is refused.
 *
 * @param enabled whether scripts and their directories are checked for unsafe permissions
 * @param user the user scripts run as; empty means the user Spare runs as
 * @param group the group scripts run as; empty means the user's primary group
 */
public record ScriptSecurity(boolean enabled, Optional<String> user, Optional<String> group) {
    public ScriptSecurity {
        java.util.Objects.requireNonNull(user, "user");
        java.util.Objects.requireNonNull(group, "group");
    }

    public static ScriptSecurity defaults() {
        return new ScriptSecurity(true, Optional.empty(), Optional.empty());
    }
}
