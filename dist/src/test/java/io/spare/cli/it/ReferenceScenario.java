package io.spare.cli.it;

import io.spare.api.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link ReferenceScenarioIT} looks at, and how it waits for it (polling with deadlines): who
 * holds the VIP, who answers HTTP through it (curl in the client's namespace), what the nodes'
 * haproxyctl.sh did, which mails the SMTP server received. A failed wait says what it saw and
 * shows the logs.
 */
final class ReferenceScenario {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern ENTERING = Pattern.compile("\\(VI_1\\) Entering (\\w+) STATE");

    private final NetworkLab lab;
    private final ReferenceNode a;
    private final ReferenceNode b;
    private final String vip;
    private final Path mails;
    private final Path work;
    /** Per host name: the mail subjects awaited so far, in order. */
    private final Map<String, List<String>> expectedMails = new HashMap<>();

    ReferenceScenario(NetworkLab lab, ReferenceNode a, ReferenceNode b, String vip, Path mails, Path work) {
        this.lab = lab;
        this.a = a;
        this.b = b;
        this.vip = vip;
        this.mails = mails;
        this.work = work;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "\n" + state());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    boolean logSays(Path log, String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /** "a", "b", "a+b" or "nobody". */
    String holders() throws IOException {
        List<String> who = new ArrayList<>();
        for (ReferenceNode node : List.of(a, b)) {
            if (node.holds(vip)) {
                who.add(node.host());
            }
        }
        return who.isEmpty() ? "nobody" : String.join("+", who);
    }

    void awaitSoleHolder(ReferenceNode node, Duration timeout) throws Exception {
        await("only " + node + " holds " + vip, timeout, () -> holders().equals(node.host()));
    }

    void assertSoleHolderFor(ReferenceNode node, Duration window) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            String now = holders();
            if (!now.equals(node.host())) {
                throw new AssertionError("expected only " + node + " to hold " + vip + " but " + now + " does\n" + state());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What the client gets from {@code http://VIP:8080/}: the body, or the failure. */
    String fetch() throws IOException {
        NetworkLab.Result result = lab.tryExec("client", "curl", "-sS", "-m", "1", "http://" + vip + ":" + ReferenceNode.HTTP_PORT + "/");
        return result.exitCode() == 0 ? result.output().strip() : "curl exit " + result.exitCode() + ": " + result.output().strip();
    }

    void awaitServedBy(ReferenceNode node, Duration timeout) throws Exception {
        String expected = "served by " + node.hostname();
        await("http://" + vip + ":8080/ answered by " + node, timeout, () -> fetch().equals(expected));
    }

    /** Waits until {@code node}'s haproxyctl.sh logged a line containing {@code line} after its first {@code since} lines. */
    /**
     * Waits until {@code node} answers through the VIP and asserts that it did so within {@code
     * bound} of {@code startNanos} (the failure says how long it took, or that it never did).
     *
     * @return how long it took
     */
    Duration awaitTakeover(ReferenceNode node, long startNanos, Duration bound, String what) throws Exception {
        awaitServedBy(node, bound.plus(Duration.ofSeconds(10)));
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (took.compareTo(bound) > 0) {
            throw new AssertionError(what + ": " + took.toMillis() + " ms, more than the bound of " + bound.toMillis() + " ms\n" + state());
        }
        return took;
    }

    void awaitCtlSince(ReferenceNode node, int since, String line, Duration timeout) throws Exception {
        await(node + "'s haproxyctl.sh logs '" + line + "'", timeout, () -> {
            List<String> lines = node.ctlLines();
            return lines.subList(Math.min(since, lines.size()), lines.size()).stream().anyMatch(l -> l.contains(line));
        });
    }

    static String subject(ReferenceNode node, String state, String vip) {
        return node.hostname() + " to be " + state + ": " + vip + " floating";
    }

    /** The received mails: subject, from, recipients, first body line. */
    List<String[]> received() throws IOException {
        if (!Files.exists(mails)) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(mails)) {
            out.add(line.split("\t", -1));
        }
        return out;
    }

    List<String> subjectsFrom(ReferenceNode node) throws IOException {
        return received().stream().map(m -> m[0]).filter(s -> s.startsWith(node.hostname() + " ")).toList();
    }

    /**
     * Waits for the next mail of {@code node} saying it went to {@code state}: the subject of the
     * tutorial's notify.sh, from {@code notification_email_from} to {@code notification_email}.
     */
    void awaitMail(ReferenceNode node, String state, Duration timeout) throws Exception {
        List<String> expected = expectedMails.computeIfAbsent(node.hostname(), k -> new ArrayList<>());
        expected.add(subject(node, state, vip));
        await("mails from " + node + ": " + expected, timeout, () -> isSubsequence(expected, subjectsFrom(node)));
        for (String[] mail : received()) {
            if (mail[0].equals(subject(node, state, vip))) {
                if (!mail[1].equals("spare@localhost") || !mail[2].equals("root@localhost")
                        || !mail[3].endsWith("vrrp transition, " + node.hostname() + " changed to be " + state)) {
                    throw new AssertionError("mail '" + mail[0] + "' from " + mail[1] + " to " + mail[2] + " says: " + mail[3]);
                }
            }
        }
    }

    /**
     * Each node mailed every state it entered (its log's "Entering X STATE" lines), in order, once:
     * exactly the transitions the test waited for, and nothing else.
     */
    void assertOneMailPerTransition() throws IOException {
        for (ReferenceNode node : List.of(a, b)) {
            List<String> entered = new ArrayList<>();
            Matcher matcher = ENTERING.matcher(Files.readString(node.spareLog()));
            while (matcher.find()) {
                entered.add(subject(node, matcher.group(1).toLowerCase(Locale.ROOT), vip));
            }
            List<String> expected = expectedMails.getOrDefault(node.hostname(), List.of());
            List<String> got = subjectsFrom(node);
            if (!got.equals(expected) || !entered.equals(expected)) {
                throw new AssertionError("mails from " + node + ":\n  got      " + got + "\n  expected " + expected
                        + "\n  its log entered " + entered + "\n" + state());
            }
        }
    }

    private static boolean isSubsequence(List<String> wanted, List<String> in) {
        int i = 0;
        for (String s : in) {
            if (i < wanted.size() && s.equals(wanted.get(i))) {
                i++;
            }
        }
        return i == wanted.size();
    }

    /** Who holds the VIP, the client's view, the mails, and the tail of every log, for a failed assertion. */
    String state() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("holders: ").append(holders()).append("; client gets: ").append(fetch()).append('\n');
        } catch (IOException | RuntimeException e) {
            out.append("(state unreadable: ").append(e).append(")\n");
        }
        try (var files = Files.walk(work)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".txt") || p.toString().endsWith(".out"))
                    .sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("--- ").append(work.relativize(log)).append('\n');
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e).append(")\n");
        }
        return out.toString();
    }
}
