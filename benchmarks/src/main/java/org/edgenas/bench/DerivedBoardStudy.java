package org.edgenas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.Estimate;
import org.edgenas.energy.Interval;
import org.edgenas.energy.Uncertainty;
import org.edgenas.energy.fit.BoardDerivation;
import org.edgenas.energy.fit.ErrorStats;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.energy.profile.Residuals;
import org.edgenas.io.AtomicFiles;

/**
 * Claim: a board with no measurements can be given a profile derived from a measured board's and its own datasheet
 * ({@code ./nas calibrate --derive-from}), and the intervals such a profile carries cover what the board measures.
 *
 * <p>Leave one board out on the reference data: the TX2 derived from the Nano (FP32) and the Nano from the TX2, each
 * Pi 5 runtime from each of the others (same datasheet: the derived profile is the other runtime's costs). On the
 * target's validation rows it reports MAPE, Spearman (with MACs alone as the baseline) and the coverage and median
 * width of the derived profile's 80 % intervals, made from the errors of the <em>other</em> derivations only (every
 * derivation to or from the target board left out). All derivations together, each weighted equally, give the errors
 * shipped for derived profiles: it writes them to {@code --errors} (default the energy module's resource
 * {@value BoardDerivation#ERRORS}) and the table to {@code --out}/derived.md.
 *
 * <p>Run from the project root after {@code energy/boards/regenerate.sh} has refitted the measured profiles:
 * {@code ./nas bench org.edgenas.bench.DerivedBoardStudy [--data ../shared/data] [--out results/energy] [--errors FILE]}
 */
public final class DerivedBoardStudy {

    /** Points of its residual distribution each derivation contributes to the pooled one (equal weights). */
    private static final int POINTS = 1000;

    private DerivedBoardStudy() {
    }

    /**
     * One derivation: a measured column's board derived from another board.
     *
     * @param target the column measured on the board derived
     * @param from   the built-in board derived from
     */
    record Pair(ReferenceColumns target, String from) {
        boolean involves(String board) {
            return target.board().equals(board) || from.equals(board);
        }

        String label() {
            return target.board() + " from " + from;
        }
    }

    static List<Pair> pairs() {
        return List.of(new Pair(ReferenceColumns.TX2, "jetson-nano"), new Pair(ReferenceColumns.NANO32, "jetson-tx2"),
                new Pair(ReferenceColumns.PI5_ONNX, "raspberry-pi-5-litert"),
                new Pair(ReferenceColumns.PI5_ONNX, "raspberry-pi-5-torchmobile"),
                new Pair(ReferenceColumns.PI5_LITERT, "raspberry-pi-5"),
                new Pair(ReferenceColumns.PI5_LITERT, "raspberry-pi-5-torchmobile"),
                new Pair(ReferenceColumns.PI5_TORCHMOBILE, "raspberry-pi-5"),
                new Pair(ReferenceColumns.PI5_TORCHMOBILE, "raspberry-pi-5-litert"));
    }

    /** A derivation's predictions of one quantity on the target's validation rows. */
    record Held(Pair pair, Quantity quantity, List<Measurement> rows, List<Estimate> estimates, double[] logRatios) {
    }

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args, Map.of("--data", "../shared/data", "--out", "results/energy",
                "--errors", "energy/src/main/resources" + BoardDerivation.ERRORS));
        Path data = Path.of(opt.get("--data"));
        Map<ReferenceColumns, List<Measurement>> rows = new EnumMap<>(ReferenceColumns.class);
        List<Held> held = new ArrayList<>();
        for (Pair p : pairs()) {
            List<Measurement> validation = rows.computeIfAbsent(p.target(), c -> c.rows(data)).stream()
                    .filter(Measurement::validation).toList();
            EnergyModel model = Boards.model(derive(p, null));
            for (Quantity q : Quantity.values()) {
                List<Measurement> measured = validation.stream().filter(m -> !Double.isNaN(m.value(q))).toList();
                if (measured.size() < 2 || (q == Quantity.ENERGY_MJ ? !model.hasEnergy() : !model.hasLatency())) {
                    continue;
                }
                List<Estimate> est = measured.stream().map(m -> model.estimate(m.architecture(), m.batch())).toList();
                double[] r = new double[measured.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = Math.log(perImage(measured.get(i), q) / Uncertainty.value(est.get(i), q));
                }
                held.add(new Held(p, q, measured, est, r));
            }
        }
        StringBuilder md = new StringBuilder("| derived | from | quantity | validation rows | MAPE | Spearman | MACs "
                + "alone | median measured / derived | 80 % interval coverage | median width |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Held h : held) {
            double[] predicted = h.estimates().stream().mapToDouble(e -> Uncertainty.value(e, h.quantity())).toArray();
            double[] measured = h.rows().stream().mapToDouble(m -> perImage(m, h.quantity())).toArray();
            FitError e = ErrorStats.of(h.quantity().key(), "validation", predicted, measured,
                    h.rows().stream().mapToDouble(m -> m.architecture().macs()).toArray());
            List<Held> others = held.stream().filter(o -> o.quantity() == h.quantity()
                    && !o.pair().involves(h.pair().target().board())).toList();
            String coverage = "(no other derivation)";
            String width = "";
            if (!others.isEmpty()) {
                Uncertainty u = Uncertainty.of(derive(h.pair(), pooled(others, "test"))).orElseThrow();
                int inside = 0;
                double[] w = new double[measured.length];
                for (int i = 0; i < measured.length; i++) {
                    Interval iv = u.interval(h.estimates().get(i), h.quantity(), 0.8);
                    inside += iv.contains(measured[i]) ? 1 : 0;
                    w[i] = 100 * (iv.high() - iv.low()) / predicted[i];
                }
                Arrays.sort(w);
                coverage = String.format(Locale.ROOT, "%.1f %% (from %d others)", 100.0 * inside / measured.length,
                        others.size());
                width = String.format(Locale.ROOT, "%.0f %%", w[w.length / 2]);
            }
            double[] sorted = h.logRatios().clone();
            Arrays.sort(sorted);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f %% | %.3f | %.3f | %.2f | %s | %s |%n",
                    h.pair().target().board(), h.pair().from(), h.quantity().key(), e.n(), e.mapePct(), e.spearman(),
                    e.macsSpearman(), Math.exp(sorted[sorted.length / 2]), coverage, width));
        }
        Map<Quantity, ResidualDistribution> all = new EnumMap<>(Quantity.class);
        for (Quantity q : Quantity.values()) {
            List<Held> of = held.stream().filter(h -> h.quantity() == q).toList();
            if (!of.isEmpty()) {
                all.put(q, pooled(of, "").of(q).orElseThrow());
            }
        }
        String label = "leave-one-board-out derivations (org.edgenas.bench.DerivedBoardStudy): " + String.join("; ",
                all.keySet().stream().map(q -> q.key() + " from " + String.join(", ", held.stream()
                        .filter(h -> h.quantity() == q).map(h -> h.pair().label()).toList())).toList())
                + "; each derivation weighted equally";
        AtomicFiles.write(Path.of(opt.get("--errors")), BoardProfiles.json(new Residuals(label, all).toJson()));
        md.append("\nCommand: `./nas bench org.edgenas.bench.DerivedBoardStudy").append(args.length == 0 ? "" : " "
                + String.join(" ", args)).append("`\n");
        AtomicFiles.write(Path.of(opt.get("--out")).resolve("derived.md"), md.toString());
        System.out.print(md);
    }

    /** A row's measured latency (ms per batch) or energy per image (mJ), as an estimate gives them. */
    private static double perImage(Measurement m, Quantity q) {
        return q == Quantity.ENERGY_MJ ? m.energyMj() / m.batch() : m.latencyMs();
    }

    /** Derives the pair's target board from its source with the target's datasheet. */
    private static BoardProfile derive(Pair p, Residuals errors) {
        return BoardDerivation.derive(Boards.load(p.from()), p.target().board() + "-derived", "study",
                p.target().datasheet(), errors, List.of(), null);
    }

    /**
     * The derivations' log ratios pooled, each contributing {@value #POINTS} evenly spaced quantiles and their
     * mirror images: whether a new board runs faster or slower than its datasheet ratios say is not known beforehand
     * (deriving A from B and B from A miss by mirrored factors), so the distribution is symmetric.
     */
    private static Residuals pooled(List<Held> held, String label) {
        Map<Quantity, List<Double>> values = new EnumMap<>(Quantity.class);
        for (Held h : held) {
            double[] s = h.logRatios().clone();
            Arrays.sort(s);
            for (int k = 0; k < POINTS; k++) {
                double at = (k + 0.5) / POINTS * (s.length - 1);
                int lo = (int) Math.floor(at);
                int hi = Math.min(s.length - 1, lo + 1);
                double v = s[lo] + (at - lo) * (s[hi] - s[lo]);
                values.computeIfAbsent(h.quantity(), x -> new ArrayList<>()).add(v);
                values.get(h.quantity()).add(-v);
            }
        }
        Map<Quantity, ResidualDistribution> m = new EnumMap<>(Quantity.class);
        values.forEach((q, v) -> m.put(q, ResidualDistribution.of(v.stream().mapToDouble(Double::doubleValue)
                .toArray())));
        return new Residuals(label.isEmpty() ? "pooled" : label, m);
    }
}
