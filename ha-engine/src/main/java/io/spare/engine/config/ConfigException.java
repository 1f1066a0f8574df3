package io.spare.engine.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is invalid: nothing may start. Carries every problem found (errors, and the
 * warnings found on the way), in file order, so that a user fixes them all in one go.
 *
 * <p>Exit codes of the {@code spare} command, shared by {@code spare run} and {@code spare check}:
 * {@link #EXIT_OK} when all is well, {@link #EXIT_FAILURE} when Spare failed at run time, {@link
 * #EXIT_CONFIG} when the configuration is invalid (this exception), {@link #EXIT_USAGE} for a bad
 * command line.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Success. */
    public static final int EXIT_OK = 0;

    /** A failure at run time (not the configuration's fault). */
    public static final int EXIT_FAILURE = 1;

    /** The configuration file cannot be read or is invalid; every problem has been printed. */
    public static final int EXIT_CONFIG = 2;

    /** The command line itself is wrong (picocli's convention). */
    public static final int EXIT_USAGE = 64;

    private final transient List<ConfigDiagnostic> diagnostics;

    public ConfigException(List<ConfigDiagnostic> diagnostics) {
        super(summary(diagnostics));
        if (diagnostics.stream().noneMatch(ConfigDiagnostic::isError)) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.diagnostics = diagnostics.stream().sorted(ConfigDiagnostic.IN_FILE_ORDER).toList();
    }

    /** Every problem, errors and warnings, in file order. */
    public List<ConfigDiagnostic> diagnostics() {
        return diagnostics;
    }

    /** Only the errors, in file order. */
    public List<ConfigDiagnostic> errors() {
        return diagnostics.stream().filter(ConfigDiagnostic::isError).toList();
    }

    /** The exit code {@code spare} ends with for this exception: {@link #EXIT_CONFIG}. */
    public int exitCode() {
        return EXIT_CONFIG;
    }

    private static String summary(List<ConfigDiagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(ConfigDiagnostic::isError).count();
        return errors + (errors == 1 ? " configuration error" : " configuration errors") + ":\n"
                + diagnostics.stream()
                        .sorted(ConfigDiagnostic.IN_FILE_ORDER)
                        .map(ConfigDiagnostic::format)
                        .collect(Collectors.joining("\n"));
    }
}
