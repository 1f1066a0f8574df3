package io.spare.cli.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The mail server of {@link ReferenceScenarioIT}: a real SMTP server (GreenMail) in the lab's
 * {@code mail} namespace, where the nodes can reach it (a server in the test JVM would listen in
 * the root namespace, out of their reach). Every mail received is appended to a file as one line,
 * {@code subject TAB from TAB recipients TAB first body line}, for the test to read. Prints
 * {@code listening} when it accepts.
 *
 * <p>Arguments: bind address, port, output file.
 */
public final class ReferenceSmtpSinkMain {
    private ReferenceSmtpSinkMain() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[2]);
        GreenMail server = new GreenMail(new ServerSetup(Integer.parseInt(args[1]), args[0], ServerSetup.PROTOCOL_SMTP));
        server.start();
        System.out.println("listening on " + args[0] + ":" + args[1]);
        int written = 0;
        while (true) {
            // Blocks until one more mail than written has arrived (or a second passed): no polling sleep.
            server.waitForIncomingEmail(1000, written + 1);
            MimeMessage[] received = server.getReceivedMessages();
            for (; written < received.length; written++) {
                Files.writeString(out, line(received[written]), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static String line(MimeMessage mail) throws MessagingException, IOException {
        String body = String.valueOf(mail.getContent()).strip();
        String first = body.lines().findFirst().orElse("");
        return String.join("\t", mail.getSubject(), addresses(mail.getFrom()), addresses(mail.getAllRecipients()), first) + "\n";
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(","));
    }
}
