package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Sends mails over SMTP with Angus Mail: one connection per mail, every socket timeout set. */
final class SmtpMailSender implements MailSender {
    private static final Logger LOG = LogManager.getLogger(SmtpMailSender.class);
    private static final String PROTOCOL = "smtp";

    private final MailSettings settings;
    private final Session session;

    SmtpMailSender(MailSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.session = withOwnClassLoader(() -> Session.getInstance(properties(settings)));
    }

    /** The Angus Mail session properties for {@code settings}; the password is never among them. */
    static Properties properties(MailSettings settings) {
        String prefix = "mail." + PROTOCOL + ".";
        String timeout = Long.toString(Math.max(1, settings.timeout().toMillis()));
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", PROTOCOL);
        properties.setProperty(prefix + "host", settings.server().host());
        properties.setProperty(prefix + "port", Integer.toString(settings.port()));
        // A relay that accepts the connection and then says nothing must not hold the sender forever.
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "localhost", settings.heloName());
        properties.setProperty(prefix + "from", settings.from().getAddress());
        properties.setProperty(prefix + "auth", Boolean.toString(settings.username().isPresent()));
        properties.setProperty(prefix + "starttls.enable", Boolean.toString(settings.startTls() != StartTls.OFF));
        properties.setProperty(prefix + "starttls.required", Boolean.toString(settings.startTls() == StartTls.REQUIRED));
        properties.setProperty(prefix + "ssl.enable", Boolean.toString(settings.implicitTls()));
        properties.setProperty(prefix + "ssl.checkserveridentity", Boolean.toString(settings.trust().verifies()));
        String trust = settings.trust().sslTrustProperty();
        if (trust != null) {
            properties.setProperty(prefix + "ssl.trust", trust);
        }
        // One bad recipient must not cost the others their mail.
        properties.setProperty(prefix + "sendpartial", "true");
        return properties;
    }

    @Override
    public List<String> send(OutgoingMail mail) throws MailDeliveryException {
        try {
            return withOwnClassLoader(() -> transmit(mail));
        } catch (SendFailedException e) {
            Address[] sent = e.getValidSentAddresses();
            if (sent != null && sent.length > 0) {
                return addresses(e.getInvalidAddresses(), e.getValidUnsentAddresses());
            }
            throw failure(e);
        } catch (MessagingException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw new MailDeliveryException(mask(String.valueOf(e)), false);
        }
    }

    private List<String> transmit(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(settings.from());
        message.setRecipients(Message.RecipientType.TO, settings.recipients().toArray(new InternetAddress[0]));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.body(), "UTF-8");
        message.setSentDate(Date.from(mail.date()));
        message.setHeader("X-Mailer", "Spare");
        message.saveChanges();
        Transport transport = session.getTransport(PROTOCOL);
        try {
            transport.connect(
                    settings.server().host(),
                    settings.port(),
                    settings.username().orElse(null),
                    settings.password().map(Secret::reveal).orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The mail is with the relay already; a failed QUIT changes nothing.
                LOG.debug("closing the SMTP connection to {} failed: {}", display(), mask(e.getMessage()));
            }
        }
        return List.of();
    }

    private MailDeliveryException failure(MessagingException e) {
        return new MailDeliveryException(mask(describe(e)), permanent(e));
    }

    /** The relay refused for good: a 5xx reply to MAIL FROM, RCPT TO or DATA. */
    static boolean permanent(MessagingException e) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPAddressFailedException address && isPermanent(address.getReturnCode())) {
                return true;
            }
            if (cause instanceof SMTPSendFailedException send && isPermanent(send.getReturnCode())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPermanent(int replyCode) {
        return replyCode >= 500 && replyCode <= 599;
    }

    /** The exception and its chain in one line: Jakarta Mail hides the socket error in the next exception. */
    private String describe(MessagingException e) {
        StringBuilder text = new StringBuilder(display()).append(": ").append(oneLine(e));
        Throwable next = e.getNextException() != null ? e.getNextException() : e.getCause();
        int depth = 0;
        while (next != null && depth++ < 5) {
            text.append(": ").append(oneLine(next));
            Throwable deeper = next instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : next.getCause();
            next = deeper == next ? null : deeper;
        }
        return text.toString();
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : " " + message);
    }

    private String mask(String text) {
        return settings.password().map(secret -> secret.maskIn(text)).orElse(text);
    }

    private String display() {
        return settings.server().display(settings.implicitTls());
    }

    private static List<String> addresses(Address[]... lists) {
        List<String> out = new ArrayList<>();
        for (Address[] list : lists) {
            if (list != null) {
                Arrays.stream(list).map(Address::toString).forEach(out::add);
            }
        }
        return out;
    }

    /** Angus Mail finds its providers through the context class loader; in a plugin that must be ours. */
    private static <T, E extends Exception> T withOwnClassLoader(ThrowingSupplier<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpMailSender.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    @Override
    public String toString() {
        return "SmtpMailSender[" + settings + "]";
    }
}
