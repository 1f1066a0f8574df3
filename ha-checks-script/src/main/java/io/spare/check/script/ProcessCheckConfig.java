package io.spare.check.script;

import java.util.OptionalInt;

/**
 * The keys of a {@code type: process} check (keepalived's {@code vrrp_track_process}).
 *
 * @param process the process name as in {@code /proc/PID/comm}, or the basename of its executable
 *     ({@code argv[0]}); with a {@code /}, its full {@code argv[0]}
 * @param parameters the arguments to match: a list, or a string split into words like {@code
 *     script}; absent: any arguments
 * @param paramMatch {@code exact} (default): the arguments are exactly these; {@code partial}: the
 *     first arguments are these, more may follow; {@code initial}: like partial, and the last given
 *     may be the start of the process's argument. Given without {@code parameters}: the process must
 *     have no arguments
 * @param quorum at least this many matching processes (default 1; 0 when {@code quorum_max} is 0)
 * @param quorumMax at most this many (default unlimited); 0 means the process must not run
 */
public record ProcessCheckConfig(String process, Object parameters, ParamMatch paramMatch, OptionalInt quorum, OptionalInt quorumMax) {
    public enum ParamMatch {
        EXACT,
        PARTIAL,
        INITIAL
    }
}
