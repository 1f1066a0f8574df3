package io.spare.notify.mail;

import io.spare.api.ConfigProblem;
import io.spare.api.Notifier;
import io.spare.api.NotifierFactory;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import io.spare.api.PluginContext;
import java.util.List;

/**
 * The {@code mail} notifier factory. Its block is the {@code global} keys starting with {@code smtp_}
 * or {@code notification_email}; see {@link MailConfig} for each key and its default.
 */
public final class MailNotifierFactory implements NotifierFactory {
    public static final String NAME = "mail";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Notifier create(PluginConfig config, PluginContext context) throws PluginConfigException {
        MailSettings settings = MailSettings.validate(bind(config), config, context);
        MailComposer composer = new MailComposer(settings.subject(), settings.body(), context.hostname(), context.routerId(), context.wallClock());
        MailOutbox outbox = new MailOutbox(settings.queueSize(), settings.retries(), settings.retryBackoff(),
                SmtpNotifier.drainTimeout(settings), new SmtpMailSender(settings), MailOutbox.Pause.REAL);
        return new SmtpNotifier(settings, composer, outbox);
    }

    /** Binds the block; a wrongly typed password is reported without its value. */
    private static MailConfig bind(PluginConfig config) throws PluginConfigException {
        try {
            return config.bind(MailConfig.class);
        } catch (PluginConfigException e) {
            List<ConfigProblem> problems = e.problems().stream()
                    .map(problem -> problem.key().startsWith("smtp_password")
                            ? new ConfigProblem(problem.key(), "must be a string (value hidden)")
                            : problem)
                    .toList();
            throw new PluginConfigException(problems);
        }
    }
}
