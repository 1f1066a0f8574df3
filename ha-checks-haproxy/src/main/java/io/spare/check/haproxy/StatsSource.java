package io.spare.check.haproxy;

/** Reads HAProxy's state once. */
interface StatsSource {
    /**
     * @throws ProbeException if HAProxy cannot be reached, does not answer by the deadline, or
     *     answers something that is not stats
     */
    HaproxySnapshot fetch(Deadline deadline) throws ProbeException, InterruptedException;

    /** Where it asks, for messages: a socket path, host:port or URL (without credentials). */
    String display();

    /** Over the runtime API: {@code show info}, then {@code show stat}, one connection each. */
    static StatsSource runtimeApi(RuntimeApiClient client) {
        return new StatsSource() {
            @Override
            public HaproxySnapshot fetch(Deadline deadline) throws ProbeException, InterruptedException {
                ShowInfo info;
                try {
                    info = ShowInfo.parse(client.query("show info", deadline));
                } catch (StatsFormatException e) {
                    throw ProbeException.failure(e.getMessage());
                }
                try {
                    return new HaproxySnapshot(java.util.Optional.of(info), StatsCsv.parse(client.query("show stat", deadline)));
                } catch (StatsFormatException e) {
                    throw ProbeException.failure(e.getMessage());
                }
            }

            @Override
            public String display() {
                return client.display();
            }
        };
    }

    /** Over the stats page's CSV export: it has the stats, but nothing of {@code show info}. */
    static StatsSource statsPage(HttpStatsClient client) {
        return new StatsSource() {
            @Override
            public HaproxySnapshot fetch(Deadline deadline) throws ProbeException, InterruptedException {
                try {
                    return new HaproxySnapshot(java.util.Optional.empty(), StatsCsv.parse(client.fetch(deadline)));
                } catch (StatsFormatException e) {
                    throw ProbeException.failure(e.getMessage());
                }
            }

            @Override
            public String display() {
                return client.display();
            }
        };
    }
}
