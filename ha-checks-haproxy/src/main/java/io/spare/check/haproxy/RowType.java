package io.spare.check.haproxy;

/** What one line of {@code show stat} describes: its {@code type} field (0..3). */
enum RowType {
    FRONTEND,
    BACKEND,
    SERVER,
    LISTENER;

    static RowType of(String typeField, String serviceName) {
        switch (typeField.trim()) {
            case "0":
                return FRONTEND;
            case "1":
                return BACKEND;
            case "2":
                return SERVER;
            case "3":
                return LISTENER;
            default:
                // Very old versions have no type field: the service name still tells the aggregates apart.
                if ("FRONTEND".equals(serviceName)) {
                    return FRONTEND;
                }
                return "BACKEND".equals(serviceName) ? BACKEND : SERVER;
        }
    }
}
