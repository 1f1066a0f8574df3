package io.spare.engine.notify;

import static java.util.Objects.requireNonNull;

import io.spare.api.Notifier;
import io.spare.api.StateTransition;
import java.util.Set;

/**
 * A notifier and the instances and sync groups it hears of.
 *
 * @param name for logs and status ({@code script:VI_1}, {@code mail}, {@code hook1})
 * @param notifier the plugin's notifier
 * @param sources instance and group names it receives transitions of; empty for all
 */
public record NotifierRoute(String name, Notifier notifier, Set<String> sources) {
    public NotifierRoute {
        requireNonNull(name, "name");
        requireNonNull(notifier, "notifier");
        sources = Set.copyOf(sources);
    }

    public boolean accepts(StateTransition transition) {
        return sources.isEmpty() || sources.contains(transition.name());
    }
}
