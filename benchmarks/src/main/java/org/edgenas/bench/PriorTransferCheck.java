package org.edgenas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.edgenas.arch.Precision;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.energy.fit.ErrorStats;
import org.edgenas.energy.fit.LinearCostFit;
import org.edgenas.energy.fit.Nnls;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.io.CsvTable;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * Does a Jetson board's latency structure carry over to another Jetson? Issue 14 asks a 20-row fit with another
 * board's profile as prior to reach Spearman 0.90 (TX2, prior {@code jetson-nano}) and 0.95 (Nano FP16, prior
 * {@code jetson-tx2}). A prior can only help so much as the target board's costs are the prior's with a few changes.
 * This check fits the most a few changes can do, on <em>all</em> calibration rows of the target (so with no shortage
 * of rows): the prior profile's layerwise latency coefficients, multiplied by one non-negative factor per block of
 * coefficients, plus an intercept (non-negative least squares for relative error), for blocks from one factor for
 * everything to one per cost key and quantity, and scores it on the validation rows. If even all rows leave such a
 * rescaled prior far below the target, twenty cannot lift it there: what differs between the boards is not a few
 * factors but the structure itself, which the rows must then teach on their own.
 *
 * <p>Run: {@code ./nas bench org.edgenas.bench.PriorTransferCheck [--data ../shared/data]}.
 */
public final class PriorTransferCheck {

    private PriorTransferCheck() {
    }

    /** A target column and the built-in profile used as its prior. */
    private record Case(String target, String column, Precision precision, String prior) {
    }

    private static final List<Case> CASES = List.of(
            new Case("Jetson TX2", "tx2_trt_b1_latency_ms", Precision.FP32, "jetson-nano"),
            new Case("Jetson Nano FP16", "nano_fp16_latency_ms", Precision.FP16, "jetson-tx2"),
            new Case("Jetson Nano FP32", "nano_fp32_latency_ms", Precision.FP32, "jetson-tx2"));

    private static final String[] QUANTITIES = {"count", "MACs", "bytes"};

    /** How coefficients are grouped into blocks that share one factor: name and block of a key and quantity. */
    private record Blocks(String name, java.util.function.BiFunction<CostKey, Integer, String> of) {
    }

    private static final List<Blocks> BLOCKS = List.of(
            new Blocks("one factor", (k, q) -> "all"),
            new Blocks("per quantity (count, MACs, bytes)", (k, q) -> QUANTITIES[q]),
            new Blocks("per term (live, constant, dead, fan-out ...)", (k, q) -> k.term().name()),
            new Blocks("per layer group", (k, q) -> k.group().name()),
            new Blocks("per term and quantity", (k, q) -> k.term().name() + QUANTITIES[q]),
            new Blocks("per cost key and quantity (every coefficient)", (k, q) -> k.text() + QUANTITIES[q]));

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args, Map.of("--data", "../shared/data"));
        CsvTable table = CsvTable.read(Path.of(opt.get("--data"), "nb201", "jetson_latency.csv"));
        SearchSpace nb201 = SearchSpaces.create("nb201", Parameters.empty());
        int arch = table.architectureColumn();
        int split = table.column("split", "the split");
        System.out.println("| target | prior | factors | blocks | validation Spearman | validation MAPE |");
        System.out.println("|---|---|---|---|---|---|");
        for (Case c : CASES) {
            int y = table.column(c.column(), "the latency");
            double[] prior = LinearCostFit.vector(LayerwiseCoefficients.of(Boards.load(c.prior())).latencyMs());
            List<double[]> features = new ArrayList<>();
            List<Double> measured = new ArrayList<>();
            List<Boolean> calibration = new ArrayList<>();
            for (int r = 0; r < table.size(); r++) {
                features.add(LinearCostFit.features(nb201.parse(table.text(r, arch)), 1, c.precision(),
                        Execution.OPTIMISED));
                measured.add(table.number(r, y));
                calibration.add(table.text(r, split).equals("calibration"));
            }
            System.out.printf(Locale.ROOT, "| %s | `%s` | none (the prior as it is) | – | %s |%n", c.target(),
                    c.prior(), format(score(features, measured, calibration, f -> dot(f, prior))));
            for (Blocks b : BLOCKS) {
                Map<String, List<Integer>> blocks = blocks(b);
                List<List<Integer>> cols = new ArrayList<>(blocks.values());
                Function<double[], double[]> design = f -> {
                    double[] z = new double[1 + cols.size()];
                    z[0] = 1;
                    for (int j = 0; j < cols.size(); j++) {
                        for (int col : cols.get(j)) {
                            z[j + 1] += f[col] * prior[col];
                        }
                    }
                    return z;
                };
                List<double[]> a = new ArrayList<>();
                List<Double> v = new ArrayList<>();
                for (int r = 0; r < features.size(); r++) {
                    if (calibration.get(r)) {
                        a.add(design.apply(features.get(r)));
                        v.add(measured.get(r));
                    }
                }
                double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
                double[] w = Nnls.solveRelative(a.toArray(double[][]::new), values, values);
                int used = (int) blocks.values().stream().filter(l -> l.stream().anyMatch(col -> prior[col] != 0))
                        .count();
                System.out.printf(Locale.ROOT, "| %s | `%s` | %s | %d | %s |%n", c.target(), c.prior(), b.name(), used,
                        format(score(features, measured, calibration, f -> dot(design.apply(f), w))));
            }
        }
    }

    /** The design-matrix columns of each block (intercept excluded), in block-name order. */
    private static Map<String, List<Integer>> blocks(Blocks b) {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (CostKey k : CostKey.all()) {
            for (int q = 0; q < QUANTITIES.length; q++) {
                m.computeIfAbsent(b.of().apply(k, q), x -> new ArrayList<>()).add(LinearCostFit.column(k) + q);
            }
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Error of {@code model} on the validation rows. */
    private static FitError score(List<double[]> features, List<Double> measured, List<Boolean> calibration,
                                  Function<double[], Double> model) {
        List<Double> p = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        for (int r = 0; r < features.size(); r++) {
            if (!calibration.get(r)) {
                p.add(model.apply(features.get(r)));
                m.add(measured.get(r));
            }
        }
        return ErrorStats.of("latency_ms", "validation", p.stream().mapToDouble(Double::doubleValue).toArray(),
                m.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String format(FitError e) {
        return String.format(Locale.ROOT, "%.3f | %.2f %%", e.spearman(), e.mapePct());
    }
}
