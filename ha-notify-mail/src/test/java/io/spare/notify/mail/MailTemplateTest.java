package io.spare.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailTemplateTest {
    private static final Set<String> KNOWN = Set.of("state", "vip");

    @Test
    void replacesPlaceholdersAndKeepsTheRest() {
        MailTemplate template = MailTemplate.parse("now ${state}: ${ vip } costs $$5, ${vip}!", KNOWN);

        assertThat(template.render(Map.of("state", "master", "vip", "10.0.0.1")))
                .isEqualTo("now master: 10.0.0.1 costs $5, 10.0.0.1!");
    }

    @Test
    void aLoneDollarIsText() {
        assertThat(MailTemplate.parse("$ and $x", KNOWN).render(Map.of())).isEqualTo("$ and $x");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> MailTemplate.parse("to be ${stat}", KNOWN))
                .hasMessage("unknown placeholder ${stat}; known: state, vip");
    }

    @Test
    void anUnclosedPlaceholderIsAnError() {
        assertThatThrownBy(() -> MailTemplate.parse("abc ${state", KNOWN)).hasMessage("'${' at offset 4 has no closing '}'");
    }
}
