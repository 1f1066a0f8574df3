package io.spare.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.spare.engine.importer.ScriptClassifier.Classification;
import io.spare.engine.importer.ScriptClassifier.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptClassifierTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "[[ -f /etc/keepalived/down ]] && exit 1 || exit 0 => /etc/keepalived/down => true",
        "[[ -f /etc/keepalived/down ]] && exit 0 || exit 1 => /etc/keepalived/down => false",
        "[ -f /etc/maint ] && exit 1 || exit 0 => /etc/maint => true",
        "test -f /etc/maint && exit 1 || exit 0 => /etc/maint => true",
        "test -e /etc/maint&&exit 0||exit 1 => /etc/maint => false",
        "[[ ! -f /run/ok ]] && exit 1 || exit 0 => /run/ok => false",
        "[ ! -f /run/ok ] && exit 0 || exit 1 => /run/ok => true",
        "! test -f /run/ok && exit 1 || exit 0 => /run/ok => false",
        "[[ -f '/path with space' ]] && exit 1 || exit 0 => /path with space => true",
        "/bin/bash -c '[[ -f /etc/down ]] && exit 1 || exit 0' => /etc/down => true",
        "sh -c \"[ -f /etc/down ] && exit 1 || exit 0\" => /etc/down => true",
    })
    void maintenanceFileIdiomsBecomeFileChecks(String script, String path, boolean failsWhenPresent) {
        Classification classification = ScriptClassifier.classify(script);

        assertThat(classification.kind()).isEqualTo(Kind.FILE_CHECK);
        assertThat(classification.path()).isEqualTo(path);
        assertThat(classification.failsWhenPresent()).isEqualTo(failsWhenPresent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[[ -f /x ]] && exit 1 || exit 1",
        "[[ -f /x ]] && exit 1",
        "[[ -d /x ]] && exit 1 || exit 0",
        "[[ -f /x && -f /y ]] && exit 1 || exit 0",
        "pidof haproxy | grep -q .",
        "killall -0 haproxy || exit 1",
        "curl -s http://127.0.0.1/ > /dev/null",
        "</dev/tcp/127.0.0.1/80",
        "check $HOME",
        "check $(hostname)",
        "exit 0",
        "ls /etc/*.conf",
        "a; b",
    })
    void otherShellCodeNeedsAShell(String script) {
        assertThat(ScriptClassifier.classify(script).kind()).isEqualTo(Kind.SHELL_SCRIPT);
        assertThat(ScriptClassifier.classify(script).shellFeatures()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/etc/keepalived/chk_haproxy.sh",
        "killall -0 haproxy",
        "/usr/bin/curl -s -o /dev/null 'http://127.0.0.1/?a=1&b=2'",
        "/usr/local/bin/check \"two words\"",
        "test -f /etc/ready",
        "[ -f /etc/ready ]",
        "/bin/sh -c 'pidof haproxy | grep -q .'",
    })
    void plainCommandsRunAsTheyAre(String script) {
        assertThat(ScriptClassifier.classify(script).kind()).isEqualTo(Kind.COMMAND);
    }

    @org.junit.jupiter.api.Test
    void namesTheShellSyntaxItFound() {
        assertThat(ScriptClassifier.classify("[[ -d /x ]] && exit 1 || exit 0").shellFeatures())
                .containsExactly("[[ ]]", "&&", "||");
        assertThat(ScriptClassifier.classify("exit 0").shellFeatures()).containsExactly("the shell word 'exit'");
    }
}
