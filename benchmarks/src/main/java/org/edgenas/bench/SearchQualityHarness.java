package org.edgenas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.edgenas.config.Parameters;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.plugin.Registry;
import org.edgenas.search.AlgorithmProvider;
import org.edgenas.search.Algorithms;
import org.edgenas.search.Exhaustive;
import org.edgenas.io.AtomicFiles;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Problem;
import org.edgenas.search.QualityScale;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.SearchResult;
import org.edgenas.search.SearchSettings;

/**
 * Claim: on a finite space, EdgeNAS's NSGA-II finds nearly the whole true Pareto front with few unique evaluations,
 * at least as well as random search, regularised evolution and jMetal's NSGA-II under the same budget.
 *
 * <p>For an experiment config (default {@code experiments/nb201-tx2-table.yaml}), it computes the true front by
 * exhaustive evaluation, then runs every algorithm (any registered {@link AlgorithmProvider}, each with its settings
 * from the config's {@code search} section; the jMetal peer registers from this module) with seeds 1..S up to the
 * largest budget, and for each budget B
 * scores the front of the first B unique evaluations: hypervolume ratio (found / true, objectives normalised by the
 * true front's ideal and nadir, reference point 1.1), IGD and additive epsilon. It prints and writes (to
 * {@code --out}) the median and interquartile range over seeds, and the median wall time per run.
 *
 * <p>Run: {@code ./nas bench org.edgenas.bench.SearchQualityHarness [--config FILE] [--seeds 10] [--budgets 250,500,1000] [--out DIR]
 * [--algorithms nsga2,random,evolution,jmetal-nsga2]}
 */
public final class SearchQualityHarness {

    private static final String ALGORITHMS = "nsga2,random,evolution,jmetal-nsga2";

    private SearchQualityHarness() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args, Map.of("--config", "experiments/nb201-tx2-table.yaml",
                "--seeds", "10", "--budgets", "250,500,1000", "--out", "results/search-quality",
                "--algorithms", ALGORITHMS));
        Path config = Path.of(opt.get("--config"));
        Experiment e = Experiment.load(config);
        // every algorithm reads its own settings from the config's search section, as a run of it would
        Parameters search = ConfigFile.read(config).section("search");
        Registry<AlgorithmProvider> registry = Algorithms.registry();
        List<String> algorithms = List.of(opt.get("--algorithms").split(","));
        int seeds = Integer.parseInt(opt.get("--seeds"));
        int[] budgets = java.util.Arrays.stream(opt.get("--budgets").split(",")).mapToInt(Integer::parseInt).toArray();
        int maxBudget = java.util.Arrays.stream(budgets).max().orElseThrow();
        Problem problem = e.problem();
        SearchSettings base = e.settings().withThreads(1).withMaxEvaluations(maxBudget);

        SearchResult all = Search.run(problem, base.withAlgorithm(Exhaustive.of()), SearchListener.NONE);
        List<Evaluation> trueFront = all.front();
        // the scale a run with this true front as reference_front reports on (run.json, progress, convergence)
        QualityScale quality = QualityScale.of(all.evaluated(), problem.objectives(), trueFront).orElseThrow();
        System.out.printf(Locale.ROOT, "true front: %d points among %d architectures%n", trueFront.size(),
                all.evaluated().size());

        StringBuilder csv = new StringBuilder("algorithm,seed,budget,hv_ratio,igd,epsilon,seconds\n");
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, double[][]> hv = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            double[][] ratios = new double[budgets.length][seeds];
            List<Double> times = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                long t0 = System.nanoTime();
                List<Evaluation> evaluated = Search.run(problem, base.withAlgorithm(
                        registry.get(algorithm).create(search, base.population())).withSeed(seed),
                        SearchListener.NONE).evaluated();
                double secs = (System.nanoTime() - t0) / 1e9;
                times.add(secs);
                for (int b = 0; b < budgets.length; b++) {
                    List<Evaluation> prefix = evaluated.subList(0, Math.min(budgets[b], evaluated.size()));
                    ratios[b][seed - 1] = quality.hypervolumeRatio(prefix);
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.6f,%.3f%n", algorithm, seed,
                            budgets[b], ratios[b][seed - 1], quality.igd(prefix), quality.additiveEpsilon(prefix),
                            secs));
                }
            }
            hv.put(algorithm, ratios);
            seconds.put(algorithm, times);
        }
        StringBuilder md = new StringBuilder();
        md.append("| algorithm |");
        for (int b : budgets) {
            md.append(" HV ratio @ ").append(b).append(" |");
        }
        md.append(" wall time per run |\n|---|");
        md.append("---|".repeat(budgets.length + 1)).append('\n');
        for (String algorithm : algorithms) {
            md.append("| ").append(algorithm).append(" |");
            for (int b = 0; b < budgets.length; b++) {
                double[] r = hv.get(algorithm)[b];
                md.append(String.format(Locale.ROOT, " %.4f [%.4f, %.4f] |", percentile(r, 50), percentile(r, 25),
                        percentile(r, 75)));
            }
            double[] t = seconds.get(algorithm).stream().mapToDouble(Double::doubleValue).toArray();
            md.append(String.format(Locale.ROOT, " %.2f s |%n", percentile(t, 50)));
        }
        String header = String.format(Locale.ROOT, "%s: median [25th, 75th percentile] over seeds 1..%d; true front %d "
                + "points of %d; population %d%n%n", opt.get("--config"), seeds, trueFront.size(),
                all.evaluated().size(), base.population());
        System.out.print(header + md);
        Path out = Path.of(opt.get("--out"));
        AtomicFiles.write(out.resolve("runs.csv"), csv.toString());
        AtomicFiles.write(out.resolve("summary.md"), header + md);
    }

    private static double percentile(double[] values, double p) {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, p);
    }
}
