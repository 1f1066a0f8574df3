package io.spare.check.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsCsvTest {

    @Test
    void readsACaptureFromHaproxy26ByHeaderNames() throws Exception {
        List<StatsRow> rows = StatsCsv.parse(FakeStatsSocket.resource("stat-all-up.csv"));

        assertThat(rows).extracting(StatsRow::proxy, StatsRow::service, StatsRow::type, StatsRow::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http-in", "FRONTEND", RowType.FRONTEND, "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("web", "s1", RowType.SERVER, "UP"),
                        org.assertj.core.groups.Tuple.tuple("web", "s2", RowType.SERVER, "UP"),
                        org.assertj.core.groups.Tuple.tuple("web", "b1", RowType.SERVER, "UP"),
                        org.assertj.core.groups.Tuple.tuple("web", "BACKEND", RowType.BACKEND, "UP"),
                        org.assertj.core.groups.Tuple.tuple("stats", "FRONTEND", RowType.FRONTEND, "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("stats", "BACKEND", RowType.BACKEND, "UP"));
        assertThat(rows.get(3).backup()).isTrue();
        assertThat(rows.get(1).backup()).isFalse();
        assertThat(rows.get(4).currentSessions()).isZero();
    }

    @Test
    void transitionalStatesFromRealCaptures() throws Exception {
        List<StatsRow> goingDown = StatsCsv.parse(FakeStatsSocket.resource("stat-going-down.csv"));
        StatsRow s1 = server(goingDown, "s1");
        assertThat(s1.status()).isEqualTo("UP 1/3");
        assertThat(s1.serving()).as("UP 1/3 is still in rotation").isTrue();
        assertThat(server(goingDown, "nc").status()).isEqualTo("no check");
        assertThat(server(goingDown, "nc").serving()).isTrue();

        StatsRow goingUp = server(StatsCsv.parse(FakeStatsSocket.resource("stat-going-up.csv")), "s1");
        assertThat(goingUp.status()).isEqualTo("DOWN 1/2");
        assertThat(goingUp.serving()).as("DOWN 1/2 is not in rotation yet").isFalse();

        List<StatsRow> maint = StatsCsv.parse(FakeStatsSocket.resource("stat-maint-drain.csv"));
        assertThat(server(maint, "s1").status()).isEqualTo("MAINT");
        assertThat(server(maint, "s1").serving()).isFalse();
        assertThat(server(maint, "s2").status()).isEqualTo("DRAIN");
        assertThat(server(maint, "s2").serving()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "UP, true", "UP 2/3, true", "no check, true", "DOWN, false", "DOWN 1/2, false", "NOLB, false",
        "DRAIN, false", "MAINT, false", "MAINT(via), false", "MAINT(resolution), false", "'', false"
    })
    void whichServerStatusesCountAsUp(String status, boolean serving) {
        assertThat(new StatsRow("web", "s1", RowType.SERVER, status, 0, false).serving()).isEqualTo(serving);
    }

    @Test
    void quotedFieldsWithCommasDoNotShiftColumns() throws Exception {
        String csv = "# pxname,svname,scur,status,check_desc,type\n"
                + "web,s1,3,DOWN,\"Layer7 wrong status, \"\"503\"\"\",2\n";
        StatsRow row = StatsCsv.parse(csv).get(0);
        assertThat(row.status()).isEqualTo("DOWN");
        assertThat(row.type()).isEqualTo(RowType.SERVER);
        assertThat(row.currentSessions()).isEqualTo(3);
        assertThat(StatsCsv.split("a,\"b,\"\"c\"\"\",")).containsExactly("a", "b,\"c\"", "");
    }

    @Test
    void fieldsAreFoundByNameInAnyOrderAndShortLinesReadAsEmpty() throws Exception {
        String csv = "# status,svname,pxname,type,scur\nOPEN,FRONTEND,http-in,0\n\n";
        StatsRow row = StatsCsv.parse(csv).get(0);
        assertThat(row.proxy()).isEqualTo("http-in");
        assertThat(row.status()).isEqualTo("OPEN");
        assertThat(row.currentSessions()).isEqualTo(-1);
    }

    @Test
    void withoutATypeFieldAggregatesAreToldApartByName() throws Exception {
        String csv = "# pxname,svname,status\nweb,FRONTEND,OPEN\nweb,BACKEND,UP\nweb,s1,UP\n";
        assertThat(StatsCsv.parse(csv)).extracting(StatsRow::type)
                .containsExactly(RowType.FRONTEND, RowType.BACKEND, RowType.SERVER);
    }

    @Test
    void anErrorTextOrHtmlIsNotStats() {
        assertThatThrownBy(() -> StatsCsv.parse("Unknown command: 'show stats'\n\n"))
                .isInstanceOf(StatsFormatException.class)
                .hasMessage("not a stats CSV: HAProxy answered 'Unknown command: 'show stats''");
        assertThatThrownBy(() -> StatsCsv.parse("<html><body>stats</body></html>"))
                .hasMessageStartingWith("not a stats CSV: HAProxy answered '<html>");
        assertThatThrownBy(() -> StatsCsv.parse(""))
                .hasMessage("not a stats CSV: HAProxy answered an empty answer");
        assertThatThrownBy(() -> StatsCsv.parse("# a,b,c\n1,2,3\n"))
                .hasMessage("not a stats CSV: the header has no 'pxname' field");
        assertThatThrownBy(() -> StatsCsv.parse("# pxname,svname,status,scur\nweb,s1,UP,many\n"))
                .hasMessage("stats CSV line 2: scur is not a number: 'many'");
    }

    private static StatsRow server(List<StatsRow> rows, String name) {
        return rows.stream().filter(r -> r.service().equals(name)).findFirst().orElseThrow();
    }
}
