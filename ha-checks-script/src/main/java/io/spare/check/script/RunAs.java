package io.spare.check.script;

import io.spare.api.PluginConfigException;
import io.spare.api.ScriptSecurity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user and group a script runs as: the block's own {@code user} key, else {@code
 * global.script_user}, else the user Spare runs as. Switching user needs root; Spare then wraps the
 * command in {@code setpriv --reuid --regid --init-groups}, which execs in place (no extra process,
 * no PAM session per run, unlike {@code runuser}).
 *
 * @param user the user's name
 * @param group the group's name or number
 * @param userPrincipal the user, for comparing file owners
 * @param groupPrincipal the group, for comparing file groups
 * @param home the user's home directory, for {@code HOME}
 * @param prefix the command words that switch to this user; empty when Spare already is this user
 */
record RunAs(
        String user, String group, UserPrincipal userPrincipal, GroupPrincipal groupPrincipal, String home, List<String> prefix) {

    RunAs {
        prefix = List.copyOf(prefix);
    }

    /**
     * @param key the key named in errors ({@code user}, {@code notify_user})
     * @param spec the block's {@code user[:group]} or {@code "user group"}, if given
     */
    static RunAs resolve(String key, Optional<String> spec, ScriptSecurity global) throws PluginConfigException {
        return resolve(key, spec, global, Path.of("/proc/self"));
    }

    /**
     * @param self a file owned by the user and group Spare runs as ({@code /proc/self}; tests pass
     *     another to play a non-root Spare)
     */
    static RunAs resolve(String key, Optional<String> spec, ScriptSecurity global, Path self) throws PluginConfigException {
        Optional<String> user = global.user();
        Optional<String> group = global.group();
        String errorKey = key;
        String origin = "";
        if (spec.isPresent() && !spec.get().isBlank()) {
            String[] parts = spec.get().trim().split("[:\\s]+");
            if (parts.length > 2) {
                throw new PluginConfigException(key, "must be 'user', 'user:group' or 'user group' (was " + spec.get() + ")");
            }
            user = Optional.of(parts[0]);
            group = parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
        } else if (user.isPresent()) {
            // The problem is in global.script_user, not in this block: say so.
            errorKey = "";
            origin = " (global.script_user)";
        }
        try {
            PosixFileAttributes own = Files.readAttributes(self, PosixFileAttributes.class);
            int ownUid = (Integer) Files.getAttribute(self, "unix:uid");
            String ownName = own.owner().getName();
            if (user.isEmpty()) {
                return new RunAs(ownName, own.group().getName(), own.owner(), own.group(), Passwd.home(ownName).orElse("/"), List.of());
            }
            UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            UserPrincipal userPrincipal = lookupUser(lookup, user.get(), errorKey, origin);
            String userName = user.get();
            String groupName = group.isPresent() ? group.get() : Passwd.primaryGroup(userName).orElseThrow(() -> problem(
                    key, "cannot find the primary group of user " + userName + " in /etc/passwd: give it as user:group"));
            GroupPrincipal groupPrincipal = lookupGroup(lookup, groupName, errorKey, origin);
            String home = Passwd.home(user.get()).orElse("/");
            if (userPrincipal.equals(own.owner()) && groupPrincipal.equals(own.group())) {
                return new RunAs(user.get(), groupName, userPrincipal, groupPrincipal, home, List.of());
            }
            if (ownUid != 0) {
                throw new PluginConfigException(errorKey, "Spare runs as " + ownName + ", not root, so it cannot run scripts as "
                        + user.get() + (group.isPresent() ? ":" + groupName : "") + origin);
            }
            Path setpriv = Executables.system("setpriv").orElseThrow(() -> problem(
                    key, "running scripts as another user needs setpriv (util-linux), which is not installed"));
            return new RunAs(user.get(), groupName, userPrincipal, groupPrincipal, home, List.of(
                    setpriv.toString(), "--reuid=" + user.get(), "--regid=" + groupName, "--init-groups", "--"));
        } catch (IOException e) {
            throw new PluginConfigException(key, "cannot determine the user Spare runs as: " + e.getMessage());
        }
    }

    /** {@code HOME}, {@code USER} and {@code LOGNAME} for the script. */
    Map<String, String> environment() {
        return Map.of("HOME", home, "USER", user, "LOGNAME", user);
    }

    private static UserPrincipal lookupUser(UserPrincipalLookupService lookup, String name, String key, String origin)
            throws PluginConfigException {
        try {
            return lookup.lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new PluginConfigException(key, "unknown user " + name + origin);
        } catch (IOException e) {
            throw new PluginConfigException(key, "cannot look up user " + name + origin + ": " + e.getMessage());
        }
    }

    private static GroupPrincipal lookupGroup(UserPrincipalLookupService lookup, String name, String key, String origin)
            throws PluginConfigException {
        try {
            return lookup.lookupPrincipalByGroupName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new PluginConfigException(key, "unknown group " + name + origin);
        } catch (IOException e) {
            throw new PluginConfigException(key, "cannot look up group " + name + origin + ": " + e.getMessage());
        }
    }

    private static PluginConfigException problem(String key, String message) {
        return new PluginConfigException(key, message);
    }
}
