package io.spare.notify.mail;

import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import java.util.List;

/** Contributes the {@code mail} notifier: keepalived's SMTP alerts, from the {@code global} SMTP keys. */
public final class MailPlugin implements SparePlugin {
    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(new MailNotifierFactory());
    }
}
