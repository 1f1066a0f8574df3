package io.spare.check.haproxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code type: haproxy} check's keys, as bound from spare.yaml. {@link HaproxyCheckFactory}
 * validates them all at once.
 *
 * @param socket the runtime API: a UNIX socket path ({@code /run/haproxy/admin.sock}, {@code
 *     unix@path}) or a TCP address ({@code 127.0.0.1:9999}, {@code ipv4@127.0.0.1:9999}, {@code
 *     ipv6@[::1]:9999})
 * @param url instead of {@code socket}: the stats page ({@code http://127.0.0.1:8089/stats;csv})
 * @param username stats page basic-auth user
 * @param password stats page basic-auth password; never logged
 * @param frontends frontends that must be OPEN
 * @param backends backends and what their servers must satisfy; a backend without keys needs 1 UP
 * @param failIfStopping fail while {@code show info} says {@code Stopping: 1}; default true
 * @param onFail a command (argv list, or a string split on blanks, no shell) run once when the check
 *     starts failing
 * @param onFailTimeout how long {@code on_fail} may run before its process group is killed
 */
record HaproxyCheckConfig(
        String socket,
        String url,
        String username,
        String password,
        List<String> frontends,
        Map<String, BackendRequirement> backends,
        Boolean failIfStopping,
        Object onFail,
        Duration onFailTimeout) {

    HaproxyCheckConfig {
        frontends = frontends == null ? List.of() : frontends;
        backends = backends == null ? Map.of() : backends;
        if (failIfStopping == null) {
            failIfStopping = true;
        }
    }

    @Override
    public String toString() {
        return "HaproxyCheckConfig[socket=" + socket + ", url=" + url + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", frontends=" + frontends
                + ", backends=" + backends + ", failIfStopping=" + failIfStopping + ", onFail=" + onFail
                + ", onFailTimeout=" + onFailTimeout + "]";
    }
}
