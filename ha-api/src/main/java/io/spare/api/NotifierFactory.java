package io.spare.api;

/**
 * Creates {@link Notifier}s of one {@code type:}. The engine creates the notifiers named {@code
 * script} from each instance's and sync group's {@code notify*} keys and the one named {@code mail}
 * from the {@code global} SMTP keys; others come from the {@code notifiers:} section.
 */
public interface NotifierFactory extends NamedFactory {
    /**
     * Binds and validates one notifier's configuration; opens nothing.
     *
     * @throws PluginConfigException listing every problem found, each naming its key
     */
    Notifier create(PluginConfig config, PluginContext context) throws PluginConfigException;
}
