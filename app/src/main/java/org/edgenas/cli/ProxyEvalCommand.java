package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.EnsembleProxy;
import org.edgenas.plugin.Registry;
import org.edgenas.proxy.ProxyProvider;
import org.edgenas.proxy.validation.ProxyRun;
import org.edgenas.proxy.validation.RankCorrelation;
import org.edgenas.proxy.validation.Sample;
import org.edgenas.report.Csv;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas proxy-eval}: how well proxies rank a fixed random sample of a benchmark's architectures by measured
 * accuracy (Spearman, Kendall), next to published reference scores and FLOPs on the same sample.
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

    private static final String ARCH = "arch_str";
    private static final List<String[]> PUBLISHED = List.of(new String[] {"naswot", "cifar10_naswot"},
            new String[] {"logsynflow", "cifar10_logsynflow"});

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new ConfigException("--threads: expected an integer >= 1, got " + t);
        }
        SearchSpace s = SearchSpaces.create(space, Parameters.empty());
        Path table = accuracy;
        Sample drawn = Sample.draw(table, ARCH, column, s, sample, seed);
        List<AccuracyProxy> made = create(s);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "proxy-eval: %s, %d architectures of %s sampled with seed %d, accuracy %s, "
                + "%d thread(s)%n", s.name(), drawn.size(), table.getFileName(), seed, column, t);
        out.flush();

        List<Row> rows = new ArrayList<>();
        List<double[]> computed = new ArrayList<>();
        List<String> computedNames = new ArrayList<>();
        Map<String, double[]> columns = new LinkedHashMap<>();
        EnsembleProxy ensemble = null;
        for (AccuracyProxy p : made) {
            ProxyRun run = ProxyRun.of(p, drawn, t, new Progress(err));
            // an ensemble evaluated after its members finds their scores cached: its time is not its cost
            boolean cached = p instanceof EnsembleProxy e && e.members().stream()
                    .anyMatch(m -> computedNames.contains(m.name()));
            rows.add(new Row(p.name(), "computed: " + p + (cached ? " (members' scores cached)" : ""),
                    RankCorrelation.of(run.scores(), drawn.accuracy()), run.medianSeconds()));
            columns.put(p.name(), run.scores());
            columns.put(p.name() + "_s", run.seconds());
            if (p instanceof EnsembleProxy e) {
                ensemble = e;
            } else {
                computed.add(run.scores());
                computedNames.add(p.name());
            }
        }
        if (ensemble != null) {
            // the population-level combination the per-architecture ensemble stands in for (members are cached)
            List<double[]> members = new ArrayList<>();
            for (AccuracyProxy m : ensemble.members()) {
                members.add(ProxyRun.of(m, drawn, t, (proxy, done, total, seconds) -> { }).scores());
            }
            rows.add(new Row("mean rank", "of " + ensemble.members().stream().map(AccuracyProxy::name)
                    .collect(Collectors.joining(", ")) + " within the sample",
                    RankCorrelation.of(RankCorrelation.meanRank(members), drawn.accuracy()), Double.NaN));
        } else if (computed.size() >= 2) {
            rows.add(new Row("mean rank", "of " + String.join(", ", computedNames) + " within the sample",
                    RankCorrelation.of(RankCorrelation.meanRank(computed), drawn.accuracy()), Double.NaN));
        }
        Path ref = reference;
        if (ref != null) {
            for (String[] published : PUBLISHED) {
                double[] v = drawn.lookUp(ref, ARCH, published[1], s);
                rows.add(new Row(published[0], "published: " + ref.getFileName() + " " + published[1],
                        RankCorrelation.of(v, drawn.accuracy()), Double.NaN));
                columns.put("published_" + published[0], v);
            }
        }
        double[] flops = new double[drawn.size()];
        for (int i = 0; i < flops.length; i++) {
            flops[i] = drawn.architectures().get(i).macs();
        }
        rows.add(new Row("flops", "counted: MACs per image", RankCorrelation.of(flops, drawn.accuracy()),
                Double.NaN));
        columns.put("macs", flops);

        out.println("| proxy | source | Spearman ρ | Kendall τ | median s/arch |");
        out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s |%n", r.name, r.source, r.correlation.spearman(),
                    r.correlation.kendall(), Double.isNaN(r.seconds) ? "–" : String.format(Locale.ROOT, "%.3f",
                            r.seconds));
        }
        if (output != null) {
            Output.write(csv(drawn, columns), output, out);
        }
        out.flush();
        return 0;
    }

    private List<AccuracyProxy> create(SearchSpace s) {
        Parameters shared = Settings.parameters(settings);
        Registry<ProxyProvider> providers = AccuracyProxies.registry();
        List<AccuracyProxy> made = new ArrayList<>();
        for (String name : proxies) {
            ProxyProvider p = providers.find(name).orElseThrow(() -> new ConfigException("--proxy: "
                    + providers.unknown(name)));
            made.add(p.create(shared, s));
        }
        shared.requireNoUnknownKeys();
        return made;
    }

    private String csv(Sample drawn, Map<String, double[]> columns) {
        StringBuilder sb = new StringBuilder("arch,").append(Csv.field(drawn.column()));
        columns.keySet().forEach(k -> sb.append(',').append(Csv.field(k)));
        sb.append('\n');
        for (int i = 0; i < drawn.size(); i++) {
            sb.append(Csv.field(drawn.architectures().get(i).id())).append(',')
                    .append(Csv.number(drawn.accuracy()[i]));
            for (double[] v : columns.values()) {
                sb.append(',').append(Csv.number(v[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private record Row(String name, String source, RankCorrelation correlation, double seconds) {
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
