package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.ProxyProvider;
import org.edgenas.proxy.validation.ProxyRun;
import org.edgenas.proxy.validation.ProxyStudy;
import org.edgenas.proxy.validation.Sample;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas proxy-eval}: maps its options to a {@link ProxyStudy} of a {@link Sample} drawn from a benchmark table,
 * and prints the study's table (and its CSV with {@code --output}).
 */
@Command(name = "proxy-eval", mixinStandardHelpOptions = true, description = "Validate accuracy proxies: Spearman and Kendall rank correlation with "
        + "measured accuracy on a seeded random sample of a benchmark table (NAS-Bench-201 by default).")
final class ProxyEvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", required = true, paramLabel = "SPACE", description = "search space (default settings)")
    String space;

    @Option(names = "--proxy", required = true, split = ",", paramLabel = "PROXY",
            description = "proxies to evaluate, comma-separated or repeated")
    List<String> proxies;

    @Option(names = "--sample", defaultValue = "1000", paramLabel = "N", description = "architectures (default 1000)")
    int sample;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "sampling seed (default 0)")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "architectures scored at once (default: all cores)")
    Integer threads;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting for every proxy that takes it, e.g. "
            + "--set batch=32 --set input=train-images-idx3-ubyte.gz")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--accuracy", required = true, paramLabel = "FILE", description = "benchmark table with an "
            + "arch_str column and the accuracy column, e.g. NAS-Bench-201's accuracy.csv")
    Path accuracy;

    @Option(names = "--column", defaultValue = "cifar10_test_acc", paramLabel = "COL",
            description = "accuracy column (default cifar10_test_acc)")
    String column;

    @Option(names = "--reference", paramLabel = "FILE", description = "published proxy scores to compare with "
            + "(columns cifar10_naswot, cifar10_logsynflow), e.g. NAS-Bench-201's zero_cost_reference.csv")
    Path reference;

    @Option(names = "--output", paramLabel = "FILE", description = "also write every architecture's scores as CSV")
    Path output;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new ConfigException("--threads: expected an integer >= 1, got " + t);
        }
        Registry<ProxyProvider> providers = AccuracyProxies.registry();
        for (String name : proxies) {
            if (providers.find(name).isEmpty()) {
                throw new ConfigException("--proxy: " + providers.unknown(name));
            }
        }
        SearchSpace s = SearchSpaces.create(space, Parameters.empty());
        Sample drawn = Sample.draw(accuracy, ProxyStudy.ARCH_COLUMN, column, s, sample, seed);
        try (ProxyStudy study = ProxyStudy.of(s, proxies, Settings.parameters(settings))) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "proxy-eval: %s, %d architectures of %s sampled with seed %d, accuracy %s, "
                    + "%d thread(s)%n", s.name(), drawn.size(), accuracy.getFileName(), seed, column, t);
            out.flush();
            ProxyStudy.Result result = study.run(drawn, reference, t, new Progress(spec.commandLine().getErr()));
            out.print(result.table());
            if (output != null) {
                Output.write(result.csv(), output, out);
            }
            out.flush();
        }
        return 0;
    }

    /** Prints a proxy's progress at most every 2 s, and when it finishes: done/total, rate, ETA. */
    private static final class Progress implements ProxyRun.Progress {
        private final PrintWriter err;
        private double last = -1;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(String proxy, int done, int total, double seconds) {
            if (done < total && last >= 0 && seconds - last < 2) {
                return;
            }
            last = seconds;
            double rate = done / Math.max(seconds, 1e-9);
            double eta = (total - done) / rate;
            err.printf(Locale.ROOT, "%-10s %5d/%d (%3.0f%%) | %7.2f archs/s | %s %s%n", proxy, done, total,
                    100.0 * done / total, rate, done == total ? "took" : "ETA", format(done == total ? seconds : eta));
            err.flush();
        }

        private static String format(double s) {
            return s < 90 ? String.format(Locale.ROOT, "%.1fs", s) : String.format(Locale.ROOT, "%.1fmin", s / 60);
        }
    }
}
