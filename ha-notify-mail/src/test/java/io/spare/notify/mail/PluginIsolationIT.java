package io.spare.notify.mail;

import static io.spare.notify.mail.MailTesting.CONTEXT;
import static io.spare.notify.mail.MailTesting.block;
import static io.spare.notify.mail.MailTesting.config;
import static io.spare.notify.mail.MailTesting.eventually;
import static io.spare.notify.mail.MailTesting.transition;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.spare.api.Notifier;
import io.spare.api.NotifierFactory;
import io.spare.api.SparePlugin;
import io.spare.api.VrrpState;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin as it ships in {@code plugins/mail/}: its own class loader over its jar, Angus Mail,
 * the Jakarta Mail API and Activation, whose parent is the platform loader and which shares only
 * {@code io.spare.api} and the logging API with Spare. Angus Mail must find its SMTP provider and
 * its MIME handlers there, with no help from the application class path.
 */
class PluginIsolationIT {
    @RegisterExtension
    final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(true);

    /** Parent-first for the shared packages only, like the engine's plugin class loader. */
    private static final class PluginLoader extends URLClassLoader {
        private static final List<String> SHARED = List.of("io.spare.api.", "org.apache.logging.log4j.");
        private final ClassLoader spare = PluginIsolationIT.class.getClassLoader();

        PluginLoader(URL[] jars) {
            super("plugin-mail", jars, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (SHARED.stream().anyMatch(name::startsWith)) {
                return spare.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static URL jarOf(String className) throws Exception {
        return Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void sendsMailFromItsOwnClassLoader() throws Exception {
        URL[] jars = {
            jarOf("io.spare.notify.mail.MailPlugin"),
            jarOf("jakarta.mail.Session"),
            jarOf("org.eclipse.angus.mail.smtp.SMTPTransport"),
            jarOf("jakarta.activation.DataHandler"),
            jarOf("org.eclipse.angus.activation.MailcapFile"),
        };
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (PluginLoader loader = new PluginLoader(jars)) {
            // The engine's thread has Spare's loader as its context loader, not the plugin's.
            Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
            List<SparePlugin> plugins = ServiceLoader.load(SparePlugin.class, loader).stream().map(ServiceLoader.Provider::get).toList();
            assertThat(plugins).hasSize(1);
            assertThat(plugins.get(0).getClass().getClassLoader()).isSameAs(loader);
            assertThat(plugins.get(0).getClass()).isNotSameAs(MailPlugin.class);
            NotifierFactory factory = plugins.get(0).notifierFactories().get(0);

            try (Notifier notifier = factory.create(config(block("127.0.0.1:" + greenMail.getSmtp().getPort())), CONTEXT)) {
                notifier.notify(transition(VrrpState.BACKUP, VrrpState.MASTER, "master down timer expired"));

                assertThat(eventually(Duration.ofSeconds(10), () -> greenMail.getReceivedMessages().length == 2)).isTrue();
                assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("lb1 to be master: 192.168.80.114 floating");
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
