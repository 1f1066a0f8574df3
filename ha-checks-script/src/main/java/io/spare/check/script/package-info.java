/**
 * Spare's process-based checks and notify hooks, shipped as the {@code plugins/script/} plugin.
 *
 * <pre>{@code
 * checks:
 *   chk_haproxy:
 *     type: script                 # keepalived vrrp_script
 *     script: /etc/spare/chk_haproxy.sh arg   # or [argv, list]; split without a shell
 *     shell: false                 # true: run script with /bin/sh -c
 *     user: haproxy:haproxy        # or "haproxy haproxy"; default global.script_user
 *   maintenance:
 *     type: file                   # maintenance switch / keepalived track_file
 *     path: /etc/keepalived/down
 *     exists: fail                 # fail (default) | ok
 *     mode: exists                 # exists (default) | value: the integer in the file
 *   haproxy_running:
 *     type: process                # keepalived vrrp_track_process
 *     process: haproxy             # /proc/PID/comm or argv[0]'s basename; with '/', argv[0]
 *     parameters: -f /etc/haproxy/haproxy.cfg   # optional; list or string
 *     param_match: partial         # exact (default) | partial | initial
 *     quorum: 1
 *     quorum_max: 4
 * instances:
 *   VI_1:
 *     notify_master: /etc/spare/notify.sh master 192.168.80.114
 *     notify_backup: ...           # notify_fault, notify_stop
 *     notify: /etc/spare/notify-all.sh      # + INSTANCE|GROUP name STATE priority
 *     notify_timeout: 30s          # per hook, default 30s
 *     notify_user: root            # default global.script_user
 * }</pre>
 *
 * <p>Scripts run in a process group of their own ({@code setsid}), with a minimal environment
 * ({@code PATH}, {@code HOME}, {@code USER}, {@code LOGNAME}; hooks also {@code SPARE_*}), standard
 * input from {@code /dev/null}, and are killed with their whole group at their timeout.
 */
package io.spare.check.script;
