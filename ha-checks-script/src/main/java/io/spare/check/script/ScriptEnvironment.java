package io.spare.check.script;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every script and notify hook starts with. It is minimal on purpose, so that
 * nothing of Spare's own environment (a proxy setting, a secret) leaks into scripts: {@code PATH}
 * (also where bare script names are looked up), and {@code HOME}, {@code USER}, {@code LOGNAME} of
 * the user the script runs as. Notify hooks add the {@code SPARE_*} variables.
 *
 * @param path the {@code PATH} scripts get
 */
record ScriptEnvironment(String path) {
    static ScriptEnvironment standard() {
        return new ScriptEnvironment(Executables.SYSTEM_PATH);
    }

    Map<String, String> forUser(RunAs runAs) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", path);
        environment.putAll(runAs.environment());
        return environment;
    }
}
