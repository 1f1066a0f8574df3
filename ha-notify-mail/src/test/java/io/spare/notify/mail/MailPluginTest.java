package io.spare.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MailPluginTest {
    @Test
    void serviceLoaderFindsExactlyTheMailPlugin() {
        List<String> found = ServiceLoader.load(SparePlugin.class, MailPlugin.class.getClassLoader()).stream()
                .map(provider -> provider.type().getName())
                .toList();

        assertThat(found).containsExactly(MailPlugin.class.getName());
    }

    @Test
    void contributesOneNotifierFactoryNamedMail() {
        SparePlugin plugin = new MailPlugin();

        assertThat(plugin.notifierFactories()).extracting(NotifierFactory::name).containsExactly("mail");
        assertThat(plugin.healthCheckFactories()).isEmpty();
        assertThat(plugin.advertTransportFactories()).isEmpty();
        assertThat(plugin.addressBinderFactories()).isEmpty();
    }
}
