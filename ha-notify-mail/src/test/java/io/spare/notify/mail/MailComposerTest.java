package io.spare.notify.mail;

import static io.spare.notify.mail.MailTesting.NOW;
import static io.spare.notify.mail.MailTesting.transition;
import static io.spare.notify.mail.MailTesting.vip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spare.api.StateTransition;
import io.spare.api.VrrpState;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailComposerTest {
    private static MailComposer composer(String subject, String body, Clock clock) {
        return new MailComposer(MailTemplate.parse(subject, MailComposer.PLACEHOLDERS),
                MailTemplate.parse(body, MailComposer.PLACEHOLDERS), "lb1", "LVS_DEVEL", clock);
    }

    private static MailComposer defaults() {
        return composer(MailComposer.DEFAULT_SUBJECT, MailComposer.DEFAULT_BODY, MailTesting.CLOCK);
    }

    @Test
    void defaultMailReadsLikeKeepalivedsNotifySh() {
        OutgoingMail mail = defaults().compose(transition(VrrpState.BACKUP, VrrpState.MASTER, "master down timer expired"));

        assertThat(mail.subject()).isEqualTo("lb1 to be master: 192.168.80.114 floating");
        assertThat(mail.body()).isEqualTo(MailTesting.MASTER_BODY);
        assertThat(mail.date()).isEqualTo(NOW);
        assertThat(mail.about()).isEqualTo("instance VI_1 BACKUP -> MASTER");
    }

    @Test
    void stateIsLowerCaseForEveryState() {
        for (VrrpState state : VrrpState.values()) {
            OutgoingMail mail = defaults().compose(transition(VrrpState.INIT, state, "x"));
            assertThat(mail.subject()).isEqualTo("lb1 to be " + state.name().toLowerCase() + ": 192.168.80.114 floating");
        }
    }

    @Test
    void severalVipsAreCommaSeparatedAndVipIsTheFirst() {
        // Prefix 32 for the IPv6 VIP: ha-api's VirtualAddress checks the prefix against the family
        // before its fields are set, so it rejects IPv6 prefixes over 32 (reported; not ours to fix).
        StateTransition transition = new StateTransition(StateTransition.Scope.GROUP, "G1", Optional.empty(), VrrpState.MASTER,
                VrrpState.FAULT, 90, List.of(vip("10.99.0.10", 24), vip("fd99::10", 32)), "check chk_haproxy failed", NOW);

        OutgoingMail mail = composer("${vip} | ${vips} | ${scope} ${group} ${instance}", "${from}->${to} ${priority}", MailTesting.CLOCK)
                .compose(transition);

        assertThat(mail.subject()).isEqualTo("10.99.0.10 | 10.99.0.10, fd99::10 | group G1 -");
        assertThat(mail.body()).isEqualTo("MASTER->FAULT 90");
        assertThat(mail.about()).isEqualTo("group G1 MASTER -> FAULT");
    }

    @Test
    void anInstanceWithoutGroupOrVipsShowsADash() {
        StateTransition transition = new StateTransition(StateTransition.Scope.INSTANCE, "VI_2", Optional.empty(), VrrpState.MASTER,
                VrrpState.BACKUP, 50, List.of(), "higher priority advert", NOW);

        OutgoingMail mail = composer("${vip} ${vips} ${group} ${instance}", "${hostname} ${router_id}", MailTesting.CLOCK).compose(transition);

        assertThat(mail.subject()).isEqualTo("- - - VI_2");
        assertThat(mail.body()).isEqualTo("lb1 LVS_DEVEL");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "fd99::10, fd99::10", "::1, ::1", "::, ::", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:1:0:0:0:0, fe80:0:0:1::", "fe80::1:0:0:0, fe80::1:0:0:0", "1:0:0:2:0:0:0:3, 1:0:0:2::3", "10.99.0.1, 10.99.0.1"})
    void addressesReadAsIpPrintsThem(String address, String text) throws Exception {
        assertThat(MailComposer.text(java.net.InetAddress.getByName(address))).isEqualTo(text);
    }

    @Test
    void timeIsInTheClocksZone() {
        Clock paris = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));

        OutgoingMail mail = composer("${time}", "${time}", paris).compose(transition(VrrpState.BACKUP, VrrpState.MASTER, "x"));

        assertThat(mail.subject()).isEqualTo("2026-11-24 21:30:05");
    }

    @Test
    void aMultiLineReasonCannotBreakTheSubject() {
        OutgoingMail mail = composer("${state}: ${reason}", "${reason}", MailTesting.CLOCK)
                .compose(transition(VrrpState.BACKUP, VrrpState.MASTER, "line one\r\nline two\n"));

        assertThat(mail.subject()).isEqualTo("master: line one line two");
        assertThat(mail.body()).isEqualTo("line one\r\nline two\n");
    }
}
