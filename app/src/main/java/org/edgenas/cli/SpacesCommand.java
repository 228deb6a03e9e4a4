package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.search.Algorithms;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code nas spaces}: the search spaces, proxies and search algorithms on the class path (plug-ins included). */
@Command(name = "spaces", mixinStandardHelpOptions = true,
        description = "List the search spaces, accuracy proxies and search algorithms available (plug-ins included).")
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
        out.println("search algorithms:");
        var algorithms = Algorithms.registry();
        Algorithms.names(algorithms).forEach(n -> out.printf("  %-12s %s%n", n, algorithms.get(n).description()));
        out.flush();
        return 0;
    }
}
