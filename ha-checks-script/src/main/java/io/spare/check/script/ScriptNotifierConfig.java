package io.spare.check.script;

import io.spare.api.ConfigProblem;
import io.spare.api.DidYouMean;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code notify*} keys of a VRRP instance or sync group. Each hook is an argv list, or a string
 * split into words without a shell (like {@code script}).
 *
 * <p>Read by hand rather than bound to a record, because a record cannot have a component called
 * {@code notify} (it would clash with {@link Object#notify()}). The rules are the engine's: unknown
 * keys are errors with a "did you mean", durations are {@code 10s}, {@code 500ms}, {@code 1m} or
 * seconds.
 *
 * @param notifyMaster run on becoming MASTER
 * @param notifyBackup run on becoming BACKUP
 * @param notifyFault run on entering FAULT
 * @param notifyStop run when the instance stops (Spare shuts down)
 * @param notifyAny {@code notify}: run on every transition after the state's own hook, with
 *     keepalived's arguments appended: {@code INSTANCE|GROUP name STATE priority}
 * @param notifyTimeout how long one hook may run before its process group is killed; default 30s
 *     (keepalived has no limit, but Spare runs hooks one after another, so a hung hook must not
 *     hold up the next transition forever)
 * @param notifyUser {@code user}, {@code user:group} or {@code "user group"} to run the hooks as;
 *     default {@code global.script_user}
 */
record ScriptNotifierConfig(
        Object notifyMaster,
        Object notifyBackup,
        Object notifyFault,
        Object notifyStop,
        Object notifyAny,
        Duration notifyTimeout,
        Optional<String> notifyUser) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final List<String> KEYS = List.of(
            "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "notify_timeout", "notify_user");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    static ScriptNotifierConfig read(PluginConfig config) throws PluginConfigException {
        Map<?, ?> values = config.bind(Map.class);
        List<ConfigProblem> problems = new ArrayList<>();
        for (Object key : values.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(new ConfigProblem(String.valueOf(key), "unknown key" + suggestion(String.valueOf(key))));
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        Object rawTimeout = values.get("notify_timeout");
        if (rawTimeout != null) {
            Optional<Duration> parsed = duration(rawTimeout);
            if (parsed.isEmpty() || parsed.get().isZero()) {
                problems.add(new ConfigProblem("notify_timeout", "must be a positive duration like 10s, 500ms or 1m (was " + rawTimeout + ")"));
            } else {
                timeout = parsed.get();
            }
        }
        Object user = values.get("notify_user");
        if (user instanceof Map || user instanceof List) {
            problems.add(new ConfigProblem("notify_user", "must be a string (was " + user + ")"));
        }
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        return new ScriptNotifierConfig(values.get("notify_master"), values.get("notify_backup"), values.get("notify_fault"),
                values.get("notify_stop"), values.get("notify"), timeout, Optional.ofNullable(user).map(String::valueOf));
    }

    private static Optional<Duration> duration(Object value) {
        if (value instanceof Duration d) {
            return Optional.of(d);
        }
        if (value instanceof Number n) {
            return n.doubleValue() < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(n.doubleValue() * 1e9)));
        }
        Matcher matcher = DURATION.matcher(String.valueOf(value).trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(matcher.group(1));
        double unit = switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> 1e6;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 1e9;
        };
        return Optional.of(Duration.ofNanos(Math.round(amount * unit)));
    }

    private static String suggestion(String key) {
        return DidYouMean.nearest(key, KEYS, Math.max(2, key.length() / 3)).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }
}
