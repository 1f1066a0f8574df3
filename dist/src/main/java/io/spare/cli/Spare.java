package io.spare.cli;

import io.spare.engine.config.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spare} command. */
@Command(
        name = "spare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Spare: a keepalived-compatible VRRP high-availability daemon.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure at run time",
            "2:invalid configuration (every problem printed as file:line:column: key: message)",
            "3:plugin problems (every broken plugin named with its path)",
            "64:bad command line"
        })
public final class Spare implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The subcommands, in the order help lists them. picocli reflects over each one it is given
     * (25 ms of every start for the four not asked for), so a command line that names one gets
     * only that one.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    public static void main(String[] args) {
        LoggingStartup.begin();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; what {@link #main} does, without exiting. */
    public static int execute(String... args) {
        return commandLine(args.length > 0 ? args[0] : "").execute(args);
    }

    /** The command line with every subcommand; tests set its output streams. */
    static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command line with Spare's error handling and exit codes: with only the subcommand
     * {@code first} names, or with all of them (help, a mistake, no subcommand).
     */
    static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(new Spare());
        Supplier<Object> named = SUBCOMMANDS.get(first);
        if (named != null) {
            commandLine.addSubcommand(first, named.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("spare: " + exception.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return ConfigException.EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("spare: " + exception.getMessage());
            return ConfigException.EXIT_FAILURE;
        });
        return commandLine;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("run", RunCommand::new);
        subcommands.put("check", CheckCommand::new);
        subcommands.put("status", StatusCommand::new);
        subcommands.put("import-keepalived", ImportKeepalivedCommand::new);
        subcommands.put("demo", DemoCommand::new);
        return Collections.unmodifiableMap(subcommands);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (run, check, status, import-keepalived, demo)");
    }
}
