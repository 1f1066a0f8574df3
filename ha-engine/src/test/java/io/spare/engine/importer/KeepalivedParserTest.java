package io.spare.engine.importer;

import static io.spare.engine.importer.ImporterFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keepalived reader: comments, quotes, braces, includes and line numbers, as lib/parser.c reads them. */
class KeepalivedParserTest {
    @TempDir
    Path dir;

    private final Notes notes = new Notes();

    private List<Statement> parse(Path file) throws IOException, ImportException {
        return KeepalivedParser.parse(new KeepalivedLexer(notes).read(file));
    }

    private List<Statement> parse(String text) throws IOException, ImportException {
        return parse(write(dir, "keepalived.conf", text));
    }

    @Test
    void commentsEndTheLineAnywhereOutsideQuotes() throws Exception {
        List<Statement> top = parse("""
                ! Configuration File for keepalived
                # another comment
                global_defs {  # a comment after the brace
                   router_id LVS_DEVEL #ID;通常是主机名
                   smtp_server 127.0.0.1 !also a comment
                   notification_email_from "a#b!c@example.com" # quoted # and ! stay
                   script_user \\#literal
                }
                """);

        assertThat(top).hasSize(1);
        Statement global = top.get(0);
        assertThat(global.keyword()).isEqualTo("global_defs");
        assertThat(global.children()).extracting(Statement::lineText).containsExactly(
                "router_id LVS_DEVEL",
                "smtp_server 127.0.0.1",
                "notification_email_from a#b!c@example.com",
                "script_user #literal");
    }

    @Test
    void quotedStringsKeepSpacesAndBracesAsOneWord() throws Exception {
        Statement script = parse("""
                vrrp_script chk { script "[[ -f /x ]] && exit 1 || exit 0" }
                """).get(0).children().get(0);

        assertThat(script.args()).hasSize(1);
        assertThat(script.arg(0)).isEqualTo("[[ -f /x ]] && exit 1 || exit 0");
        assertThat(script.args().get(0).quoted()).isTrue();
    }

    @Test
    void bracesAreTokensWhereverTheyStand() throws Exception {
        List<Statement> top = parse("""
                vrrp_instance VI_1 { virtual_ipaddress { 10.0.0.1
                10.0.0.2 } state BACKUP
                }
                vrrp_script chk
                {
                  script /bin/true
                }
                """);

        Statement instance = top.get(0);
        assertThat(instance.children()).extracting(Statement::keyword).containsExactly("virtual_ipaddress", "state");
        assertThat(instance.children().get(0).children()).extracting(Statement::keyword).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(instance.children().get(1).argText()).isEqualTo("BACKUP");
        assertThat(top.get(1).keyword()).isEqualTo("vrrp_script");
        assertThat(top.get(1).children()).extracting(Statement::lineText).containsExactly("script /bin/true");
    }

    @Test
    void everyStatementKnowsItsLine() throws Exception {
        Path file = write(dir, "keepalived.conf", """
                ! comment

                global_defs {
                  router_id A
                }
                vrrp_instance VI_1 {
                  state BACKUP   # inline
                  interface \\
                     eth0
                  priority 90
                }
                """);

        List<Statement> top = parse(file);

        assertThat(top.get(0).location()).isEqualTo(new SourceLocation(file, 3));
        assertThat(top.get(0).children().get(0).location()).isEqualTo(new SourceLocation(file, 4));
        List<Statement> instance = top.get(1).children();
        assertThat(instance).extracting(s -> s.location().line()).containsExactly(7, 8, 10);
        assertThat(instance.get(1).lineText()).isEqualTo("interface eth0");
    }

    @Test
    void anUnclosedBraceIsAnErrorAtTheBrace() {
        Path file = write(dir, "keepalived.conf", """
                global_defs {
                  router_id A
                }
                vrrp_instance VI_1 {
                  virtual_ipaddress {
                    10.0.0.1
                }
                """);

        assertThatThrownBy(() -> parse(file))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ":4: '{' of 'vrrp_instance' is never closed: the configuration ends first")
                .satisfies(e -> assertThat(((ImportException) e).location()).isEqualTo(new SourceLocation(file, 4)));
    }

    @Test
    void anExtraClosingBraceIsAnError() {
        Path file = write(dir, "keepalived.conf", "global_defs {\n router_id A\n}\n}\n");

        assertThatThrownBy(() -> parse(file))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ":4: '}' without a matching '{'");
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        Path file = write(dir, "keepalived.conf", "vrrp_script chk {\n  script \"/bin/check\n}\n");

        assertThatThrownBy(() -> parse(file))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":2: unterminated quote");
    }

    @Test
    void includesAreRelativeToTheIncludingFileAndGlobsComeSorted() throws Exception {
        write(dir, "conf.d/20-b.conf", "vrrp_script b {\n  script /bin/b\n}\n");
        write(dir, "conf.d/10-a.conf", "vrrp_script a {\n  script /bin/a\n}\n");
        write(dir, "conf.d/notes.txt", "this is not matched\n");
        write(dir, "conf.d/.hidden.conf", "vrrp_script hidden {\n script /bin/h\n}\n");
        Path main = write(dir, "keepalived.conf", "global_defs {\n router_id A\n}\ninclude conf.d/*.conf\nvrrp_script last {\n script /bin/z\n}\n");

        List<Statement> top = parse(main);

        assertThat(top).extracting(s -> s.keyword() + " " + s.argText())
                .containsExactly("global_defs ", "vrrp_script a", "vrrp_script b", "vrrp_script last");
        assertThat(top.get(1).location()).isEqualTo(new SourceLocation(dir.resolve("conf.d/10-a.conf"), 1));
        assertThat(top.get(2).children().get(0).location()).isEqualTo(new SourceLocation(dir.resolve("conf.d/20-b.conf"), 2));
        assertThat(top.get(3).location()).isEqualTo(new SourceLocation(main, 5));
    }

    @Test
    void nestedIncludesResolveFromTheirOwnDirectory() throws Exception {
        write(dir, "a/inner.conf", "include ../b/{x,y}.conf\n");
        write(dir, "b/x.conf", "vrrp_script x {\n script /bin/x\n}\n");
        write(dir, "b/y.conf", "vrrp_script y {\n script /bin/y\n}\n");
        write(dir, "elsewhere/keepalived.conf", "include " + dir.resolve("a/inner.conf") + "\n");

        List<Statement> top = parse(dir.resolve("elsewhere/keepalived.conf"));

        assertThat(top).extracting(Statement::argText).containsExactly("x", "y");
    }

    @Test
    void anIncludeMayOpenABlockThatTheMainFileCloses() throws Exception {
        write(dir, "head.conf", "vrrp_instance VI_1 {\n  state BACKUP\n");
        Statement instance = parse("include head.conf\n  priority 50\n}\n").get(0);

        assertThat(instance.children()).extracting(Statement::lineText).containsExactly("state BACKUP", "priority 50");
    }

    @Test
    void anIncludeCycleIsAnErrorNamingTheChain() {
        Path a = write(dir, "a.conf", "global_defs {\n}\ninclude b.conf\n");
        write(dir, "b.conf", "\ninclude a.conf\n");

        assertThatThrownBy(() -> parse(a))
                .isInstanceOf(ImportException.class)
                .hasMessage(dir.resolve("b.conf") + ":2: include cycle: " + a + ":3 includes " + dir.resolve("b.conf")
                        + ":2 includes " + a);
    }

    @Test
    void aFileIncludingItselfIsACycle() {
        Path a = write(dir, "self.conf", "include *.conf\n");

        assertThatThrownBy(() -> parse(a)).isInstanceOf(ImportException.class).hasMessageContaining("include cycle");
    }

    @Test
    void missingAndExecutableIncludesAreSkippedWithAWarning() throws Exception {
        Path script = write(dir, "inc/run.conf", "vrrp_script bad {\n}\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path main = write(dir, "keepalived.conf", "include missing.conf\ninclude nothing/*.conf\ninclude inc/*.conf\n");

        List<Statement> top = parse(main);

        assertThat(top).isEmpty();
        assertThat(notes.all()).extracting(ImportNote::toString).containsExactly(
                main + ":1: warning: include 'missing.conf': file not found (keepalived skips it too)",
                main + ":2: warning: include 'nothing/*.conf' matched no files",
                main + ":3: warning: include 'inc/*.conf': " + script + " is executable - skipped, as keepalived does",
                main + ":3: warning: include 'inc/*.conf' matched no files");
    }

    @Test
    void parameterDefinitionsExpand() throws Exception {
        Statement instance = parse("""
                $IF=eth1
                $PRIO=150
                vrrp_instance VI_1 {
                  interface $IF
                  priority ${PRIO}
                }
                """).get(0);

        assertThat(instance.children()).extracting(Statement::lineText).containsExactly("interface eth1", "priority 150");
    }

    @Test
    void configIdLinesAreNotCarriedOver() throws Exception {
        Path file = write(dir, "keepalived.conf", "global_defs {\n@node1 router_id ONE\n}\n");

        List<Statement> top = parse(file);

        assertThat(top.get(0).children()).isEmpty();
        assertThat(notes.all()).extracting(ImportNote::toString).containsExactly(
                file + ":2: keyword '@node1' not carried over (a line for one host's config_id only;"
                        + " the importer reads the file for no particular host)");
    }

    @Test
    void invalidUtf8InCommentsDoesNotStopTheReader() throws Exception {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, "global_defs {\n  router_id A # caf\u00e9\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(parse(file).get(0).children()).extracting(Statement::lineText).containsExactly("router_id A");
    }
}
