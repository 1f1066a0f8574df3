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
    /** Per host name: the states whose mails were awaited so far, in order. */
    private final Map<String, List<String>> expectedStates = new HashMap<>();

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

    /** A received mail: what the test reads of it. */
    record Mail(String subject, String from, String to, String firstLine) {}

    /** Spare's mail notifier: the subject of the tutorial's notify.sh, with the VIP. */
    String spareSubject(ReferenceNode node, String state) {
        return node.hostname() + " to be " + state + ": " + vip + " floating";
    }

    /**
     * notify.sh's own mail: its {@code notify()} is called with the state only, so the VIP its
     * subject means to name ({@code $2}) is empty. The tutorial's quirk, kept.
     */
    static String hookSubject(ReferenceNode node, String state) {
        return node.hostname() + " to be " + state + ":  floating";
    }

    /** The received mails, in the order the SMTP server got them. */
    List<Mail> received() throws IOException {
        if (!Files.exists(mails)) {
            return List.of();
        }
        List<Mail> out = new ArrayList<>();
        for (String line : Files.readAllLines(mails)) {
            String[] field = line.split("\t", -1);
            out.add(new Mail(field[0], field[1], field[2], field[3]));
        }
        return out;
    }

    /** Mails Spare's mail notifier sent about {@code node}: to notification_email. */
    List<Mail> spareMails(ReferenceNode node) throws IOException {
        return received().stream().filter(m -> m.to().equals("root@localhost") && m.subject().startsWith(node.hostname() + " ")).toList();
    }

    /** Mails the node's notify.sh sent with mail(1): to its {@code contact}, from root@HOSTNAME. */
    List<Mail> hookMails(ReferenceNode node) throws IOException {
        return received().stream().filter(m -> m.to().equals("root104@localhost") && m.from().equals("root@" + node.hostname())).toList();
    }

    /**
     * Waits for the next mails about {@code node} going to {@code state}: one from Spare's mail
     * notifier ({@code notification_email_from} to {@code notification_email}), one from
     * notify.sh's {@code mail}; both read {@code <date>: vrrp transition, <host> changed to be <state>}.
     */
    void awaitMail(ReferenceNode node, String state, Duration timeout) throws Exception {
        List<String> states = expectedStates.computeIfAbsent(node.hostname(), k -> new ArrayList<>());
        states.add(state);
        List<String> spare = states.stream().map(s -> spareSubject(node, s)).toList();
        List<String> hook = states.stream().map(s -> hookSubject(node, s)).toList();
        await("mails about " + node + ": " + spare + " from Spare and " + hook + " from notify.sh", timeout,
                () -> isSubsequence(spare, subjects(spareMails(node))) && isSubsequence(hook, subjects(hookMails(node))));
        String body = "vrrp transition, " + node.hostname() + " changed to be " + state;
        for (Mail mail : received()) {
            boolean fromSpare = mail.subject().equals(spareSubject(node, state));
            boolean fromHook = mail.subject().equals(hookSubject(node, state));
            if ((fromSpare && !mail.from().equals("spare@localhost")) || ((fromSpare || fromHook) && !mail.firstLine().endsWith(body))) {
                throw new AssertionError("mail " + mail + ": expected from spare@localhost (Spare) and a body saying '" + body + "'");
            }
        }
    }

    /**
     * Each node mailed every state it entered (its log's "Entering X STATE" lines), in order, once,
     * through Spare and through notify.sh: exactly the transitions the test waited for, and nothing else.
     */
    void assertOneMailPerTransition() throws IOException {
        for (ReferenceNode node : List.of(a, b)) {
            List<String> entered = new ArrayList<>();
            Matcher matcher = ENTERING.matcher(Files.readString(node.spareLog()));
            while (matcher.find()) {
                entered.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
            List<String> states = expectedStates.getOrDefault(node.hostname(), List.of());
            List<String> spare = subjects(spareMails(node));
            List<String> hook = subjects(hookMails(node));
            if (!entered.equals(states) || !spare.equals(states.stream().map(s -> spareSubject(node, s)).toList())
                    || !hook.equals(states.stream().map(s -> hookSubject(node, s)).toList())) {
                throw new AssertionError("mails about " + node + ":\n  its log entered " + entered + "\n  the test awaited " + states
                        + "\n  Spare mailed     " + spare + "\n  notify.sh mailed " + hook + "\n" + state());
            }
        }
    }

    private static List<String> subjects(List<Mail> mails) {
        return mails.stream().map(Mail::subject).toList();
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
