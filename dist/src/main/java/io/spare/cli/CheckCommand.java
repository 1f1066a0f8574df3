package io.spare.cli;

import io.spare.engine.bootstrap.Bootstrap;
import io.spare.engine.config.ConfigDiagnostic;
import io.spare.engine.config.ConfigException;
import io.spare.engine.plugin.PluginLoadException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validates a configuration and the plugins it names, and starts nothing.",
            "Prints every problem as file:line:column: key: message; exits 0 when Spare would start."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoggingStartup.await();
        try {
            Bootstrap.CheckReport report = new Bootstrap(options.config, options.pluginsDirectory()).check();
            report.warnings().forEach(w -> err.println(w.format()));
            out.println(options.config + ": OK (" + summary(report) + ")");
            return ConfigException.EXIT_OK;
        } catch (ConfigException e) {
            e.diagnostics().forEach(d -> err.println(d.format()));
            long errors = e.errors().size();
            err.println(errors + (errors == 1 ? " error" : " errors") + " in " + options.config);
            return e.exitCode();
        } catch (PluginLoadException e) {
            e.problems().forEach(p -> err.println("plugin: " + p));
            return PluginLoadException.EXIT_PLUGIN;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String summary(Bootstrap.CheckReport report) {
        var config = report.config().config();
        long warnings = report.warnings().stream().filter(w -> w.severity() == ConfigDiagnostic.Severity.WARNING).count();
        return config.instances().size() + " instance(s), " + config.checks().size() + " check(s), "
                + config.syncGroups().size() + " sync group(s)" + (warnings > 0 ? ", " + warnings + " warning(s)" : "");
    }
}
