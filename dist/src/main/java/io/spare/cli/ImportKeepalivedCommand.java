package io.spare.cli;

import io.spare.engine.config.ConfigException;
import io.spare.engine.importer.ImportException;
import io.spare.engine.importer.ImportNote;
import io.spare.engine.importer.ImportResult;
import io.spare.engine.importer.KeepalivedImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "import-keepalived",
        mixinStandardHelpOptions = true,
        description = {
            "Converts a keepalived.conf (and the files it includes) into spare.yaml on standard output.",
            "Every keyword that is not carried over, and every conversion worth knowing, is listed on standard error with its line."
        })
final class ImportKeepalivedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the keepalived.conf to convert")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportResult result;
        try {
            result = new KeepalivedImporter().importFile(file);
        } catch (ImportException e) {
            err.println(e.getMessage());
            return ConfigException.EXIT_CONFIG;
        } catch (IOException e) {
            err.println("spare: cannot read " + file + ": " + e.getMessage());
            return ConfigException.EXIT_CONFIG;
        }
        out.print(result.yaml());
        out.flush();
        for (ImportNote note : result.notes()) {
            err.println(note);
        }
        err.flush();
        return ConfigException.EXIT_OK;
    }
}
