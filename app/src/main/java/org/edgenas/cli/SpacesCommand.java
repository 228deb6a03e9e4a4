package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code nas spaces}: the search spaces and proxies on the class path. */
@Command(name = "spaces", mixinStandardHelpOptions = true, description = "List the search spaces and accuracy proxies available.")
final class SpacesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("search spaces:");
        SearchSpaces.registry().all().forEach(p -> out.printf("  %-12s %s%n", p.name(), p.description()));
        out.println("accuracy proxies:");
        AccuracyProxies.registry().all().forEach(p -> out.printf("  %-12s %s%n", p.name(), p.description()));
        out.flush();
        return 0;
    }
}
