package io.spare.check.script;

/**
 * The keys of a {@code type: script} check (keepalived's {@code vrrp_script}).
 *
 * @param script the command: an argv list, or a string split into words without a shell
 *     (keepalived's quoting: blanks separate, quotes group, backslash escapes)
 * @param shell run {@code script} as one expression with {@code /bin/sh -c} (pipes, {@code &&},
 *     {@code [[ ]]}); default false
 * @param user {@code user}, {@code user:group} or {@code "user group"}; default {@code
 *     global.script_user}, else the user Spare runs as
 */
public record ScriptCheckConfig(Object script, boolean shell, String user) {}
