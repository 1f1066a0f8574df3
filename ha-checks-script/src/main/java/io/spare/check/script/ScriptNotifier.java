package io.spare.check.script;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import io.spare.api.VirtualAddress;
import io.spare.api.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs an instance's or sync group's notify hooks, as keepalived does: for each transition the
 * state's own hook ({@code notify_master}, ...), then the generic {@code notify} with {@code
 * INSTANCE|GROUP name STATE priority} appended. Unlike keepalived, hooks run one at a time, in
 * transition order, each killed (with its process group) at {@code notify_timeout}; so a hook never
 * sees an older state after a newer one.
 *
 * <p>Hooks get the minimal script environment plus {@code SPARE_SCOPE}, {@code SPARE_INSTANCE},
 * {@code SPARE_GROUP}, {@code SPARE_STATE}, {@code SPARE_FROM_STATE}, {@code SPARE_PRIORITY},
 * {@code SPARE_VIPS} (CIDRs separated by spaces) and {@code SPARE_REASON}.
 */
final class ScriptNotifier implements Notifier {
    private static final Logger LOG = LogManager.getLogger(ScriptNotifier.class);
    /** What killing a hung hook may add to its timeout (SIGTERM grace, SIGKILL, reaping). */
    static final Duration KILL_ALLOWANCE = Duration.ofSeconds(5);
    static final Duration MARGIN = Duration.ofSeconds(1);

    private final Map<VrrpState, Hook> hooks;
    private final Optional<Hook> generic;
    private final Duration hookTimeout;
    private final ScriptRuntime runtime;
    private final ReentrantLock serial = new ReentrantLock(true);
    private volatile Thread running;
    private volatile boolean closed;

    /**
     * One configured hook.
     *
     * @param key its key, for messages: {@code notify_master}
     * @param command what it runs
     */
    record Hook(String key, ScriptCommand command) {}

    ScriptNotifier(Map<VrrpState, Hook> hooks, Optional<Hook> generic, Duration hookTimeout, ScriptRuntime runtime) {
        this.hooks = hooks.isEmpty() ? Map.of() : new EnumMap<>(hooks);
        this.generic = generic;
        this.hookTimeout = hookTimeout;
        this.runtime = runtime;
    }

    @Override
    public void notify(StateTransition transition) throws Exception {
        serial.lockInterruptibly();
        running = Thread.currentThread();
        try {
            if (closed) {
                return;
            }
            List<String> failures = new ArrayList<>();
            Map<String, String> environment = environment(transition);
            Hook specific = hooks.get(transition.to());
            if (specific != null) {
                runHook(specific, List.of(), environment, transition).ifPresent(failures::add);
            }
            if (generic.isPresent() && transition.to() != VrrpState.INIT) {
                List<String> arguments = List.of(transition.scope().name(), transition.name(), transition.to().name(),
                        Integer.toString(transition.priority()));
                runHook(generic.get(), arguments, environment, transition).ifPresent(failures::add);
            }
            if (!failures.isEmpty()) {
                throw new NotifyHookException(transition.scope().name().toLowerCase(java.util.Locale.ROOT) + " " + transition.name()
                        + " " + transition.to() + ": " + String.join("; ", failures));
            }
        } finally {
            running = null;
            serial.unlock();
        }
    }

    /** Runs one hook; returns why it failed, if it did. */
    private Optional<String> runHook(Hook hook, List<String> arguments, Map<String, String> environment, StateTransition transition)
            throws InterruptedException {
        ScriptGuard.Prepared prepared = runtime.guard().prepare(hook.command());
        if (prepared.refused()) {
            return Optional.of(hook.key() + ": " + prepared.refusal());
        }
        List<String> argv = new ArrayList<>(prepared.argv());
        argv.addAll(arguments);
        RunOutcome outcome = runtime.run(argv, environment, hookTimeout);
        LOG.debug("{} for {} {}: {}", hook.key(), transition.name(), transition.to(), outcome.describe(hookTimeout));
        return outcome.succeeded() ? Optional.empty() : Optional.of(hook.key() + ": " + outcome.describe(hookTimeout));
    }

    static Map<String, String> environment(StateTransition transition) {
        Map<String, String> environment = new LinkedHashMap<>();
        boolean instance = transition.scope() == StateTransition.Scope.INSTANCE;
        environment.put("SPARE_SCOPE", transition.scope().name());
        environment.put("SPARE_INSTANCE", instance ? transition.name() : "");
        environment.put("SPARE_GROUP", instance ? transition.group().orElse("") : transition.name());
        environment.put("SPARE_STATE", transition.to().name());
        environment.put("SPARE_FROM_STATE", transition.from().name());
        environment.put("SPARE_PRIORITY", Integer.toString(transition.priority()));
        environment.put("SPARE_VIPS", transition.virtualAddresses().stream().map(VirtualAddress::cidr).collect(Collectors.joining(" ")));
        environment.put("SPARE_REASON", transition.reason());
        return environment;
    }

    /**
     * The most hooks one transition runs (its state's own and the generic one), each at its timeout
     * plus what killing it may take, plus a margin.
     */
    @Override
    public Duration timeout() {
        int perTransition = (hooks.isEmpty() ? 0 : 1) + (generic.isPresent() ? 1 : 0);
        return hookTimeout.plus(KILL_ALLOWANCE).multipliedBy(perTransition).plus(MARGIN);
    }

    /** Stops taking transitions and kills a hook that is running now. */
    @Override
    public void close() {
        closed = true;
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** One or more hooks of a transition failed; all of them ran. */
    static final class NotifyHookException extends Exception {
        private static final long serialVersionUID = 1L;

        NotifyHookException(String message) {
            super(message);
        }
    }
}
