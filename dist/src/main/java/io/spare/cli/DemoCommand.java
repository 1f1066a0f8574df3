package io.spare.cli;

import io.spare.cli.demo.Demo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows VRRP failover on this machine, safely: builds two Spare nodes and a client in network",
            "namespaces of its own (10.99.0.0/24), probes the virtual IP from the client, kills the MASTER,",
            "prints the outage the client saw, brings the old MASTER back and prints that too.",
            "Removes everything it created when it ends, also on Ctrl-C. Needs root."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new Demo(out, err).run();
    }
}
