package org.edgenas.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.io.CsvFormat;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.SearchSpace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nas proxy}: accuracy-proxy scores of architectures. */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Score architectures with an accuracy proxy. Writes CSV: arch,score.")
final class ProxyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", required = true, paramLabel = "SPACE", description = "search space (default settings)")
    String space;

    @Option(names = "--space-set", paramLabel = "KEY=VALUE", description = "a search-space setting, e.g. "
            + "--space-set input_size=28 (default settings otherwise)")
    Map<String, String> spaceSettings = new LinkedHashMap<>();

    @Option(names = "--proxy", required = true, paramLabel = "PROXY", description = "proxy name")
    String proxy;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a proxy setting, e.g. --set file=acc.csv "
            + "--set column=cifar10_test_acc (numbers are read as numbers)")
    Map<String, String> settings = new LinkedHashMap<>();

    @ArgGroup(multiplicity = "1")
    EstimateCommand.Archs archs;

    @Option(names = "--output", paramLabel = "FILE", description = "CSV file to write (default: standard output)")
    Path output;

    @Override
    public Integer call() {
        SearchSpace s = Settings.space(space, spaceSettings);
        StringBuilder sb = new StringBuilder("arch,score\n");
        try (AccuracyProxy p = AccuracyProxies.create(proxy, Settings.parameters(settings), s)) {
            for (Architecture arch : archs.parse(s)) {
                sb.append(CsvFormat.field(arch.id())).append(',').append(CsvFormat.number(p.score(arch)))
                        .append('\n');
            }
        }
        Output.write(sb.toString(), output, spec.commandLine().getOut());
        return 0;
    }
}
