package io.spare.cli;

import io.spare.engine.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spare} command. */
@Command(
        name = "spare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Spare: a keepalived-compatible VRRP high-availability daemon.",
        subcommands = {RunCommand.class, CheckCommand.class, StatusCommand.class, ImportKeepalivedCommand.class, DemoCommand.class},
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

    public static void main(String[] args) {
        LoggingStartup.begin();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; what {@link #main} does, without exiting. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with Spare's error handling and exit codes; tests set its output streams. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Spare());
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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (run, check, status, import-keepalived, demo)");
    }
}
