package io.spare.engine.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One entry of {@code checks:}. The keys every check shares are bound here; the rest ({@code
 * options}) go to the plugin that provides {@code type}.
 *
 * @param name the check's name, as {@code track_script} refers to it
 * @param type the plugin's {@code type:} name: {@code script}, {@code file}, {@code process}, {@code
 *     haproxy}, ...
 * @param interval {@code interval}: run this often, default 1 s (keepalived's)
 * @param timeout {@code timeout}: a run taking longer fails; default = interval
 * @param rise {@code rise}: consecutive passes to become OK, default 1
 * @param fall {@code fall}: consecutive failures to become FAILED, default 1
 * @param weight {@code weight}: -253..253; positive adds while OK, negative subtracts while failing,
 *     0 puts tracking instances in FAULT while failing; default 0
 * @param initFail {@code init_fail}: start as FAILED instead of OK, default off
 * @param options the type-specific keys
 */
public record CheckConfig(
        String name,
        String type,
        Duration interval,
        Duration timeout,
        int rise,
        int fall,
        int weight,
        boolean initFail,
        ConfigBlock options) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public CheckConfig {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        requireNonNull(options, "options");
    }
}
