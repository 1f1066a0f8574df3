package io.spare.cli.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
        // GreenMail lists the mails mailbox by mailbox, so a new mail may come before older ones:
        // count what was written per content, not by position.
        Map<String, Integer> written = new HashMap<>();
        int total = 0;
        while (true) {
            // Blocks until one more mail than written has arrived (or a second passed): no polling sleep.
            server.waitForIncomingEmail(1000, total + 1);
            Map<String, Integer> seen = new HashMap<>();
            for (MimeMessage mail : server.getReceivedMessages()) {
                String key = digest(mail);
                int occurrence = seen.merge(key, 1, Integer::sum);
                if (occurrence > written.getOrDefault(key, 0)) {
                    Files.writeString(out, line(mail), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    written.put(key, occurrence);
                    total++;
                }
            }
        }
    }

    private static String digest(MimeMessage mail) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
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
