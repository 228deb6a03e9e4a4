package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * Fits the {@code layerwise} form to single-layer sweeps (conv and fc), for a runtime that runs every layer (eager).
 * Latency is fitted for relative error; dynamic energy (energy above idle) is fitted for error relative to the total
 * energy, since total = static power x latency + dynamic, and the dynamic part of a launch-bound layer is mostly noise.
 * Error is reported by k-fold cross-validation, for latency and for the total energy a user would see.
 *
 * <p>Layers the sweeps do not cover (pooling, normalisation, activation, sums, zero) are memory-bound element-wise
 * kernels; they are given the cheaper of the measured groups' per-launch costs and the larger per-byte cost, and this
 * transfer is recorded in the profile's method. Identity layers cost nothing.
 */
public final class LayerCalibration {

    private LayerCalibration() {
    }

    /**
     * The fitted models and their errors.
     *
     * @param latency latency model, ms per batch
     * @param dynamic dynamic energy model, mJ per batch
     * @param errors  cross-validated errors per sweep and batch size
     */
    public record Result(LinearCostModel latency, LinearCostModel dynamic, List<FitError> errors) {
    }

    /**
     * Fits conv and fc groups on their own sweeps and fills the element-wise groups.
     *
     * @param hardware the board's limits, with its idle power as static power: every layer's time per MAC is at least
     *                 1 / peak MAC rate
     */
    public static Result fit(List<Measurement> conv, List<Measurement> fc, Hardware hardware, Precision precision,
                             int folds, long seed) {
        double staticPowerW = hardware.staticPowerW();
        double msPerMac = 1e3 / hardware.peakMacsPerS();
        List<FitError> errors = new ArrayList<>();
        Map<CostGroup, Coefficients> lat = new TreeMap<>();
        Map<CostGroup, Coefficients> dyn = new TreeMap<>();
        for (List<Measurement> rows : List.of(conv, fc)) {
            if (rows.isEmpty()) {
                continue;
            }
            Measurement.Source source = rows.getFirst().source();
            CostGroup group = source == Measurement.Source.CONV ? CostGroup.CONV : CostGroup.FC;
            Group g = Group.of(rows, precision);
            LinearCostModel latency = LinearCostFit.fit(g.features, g.latency, g.latency, msPerMac);
            LinearCostModel dynamic = LinearCostFit.fit(g.features, g.dynamic, g.total, 0);
            lat.put(group, withIntercept(latency, group));
            dyn.put(group, withIntercept(dynamic, group));
            int[] fold = CrossValidation.folds(rows.size(), folds, seed);
            double[] tHat = crossValidate(g.features, g.latency, g.latency, fold, msPerMac);
            double[] dHat = crossValidate(g.features, g.dynamic, g.total, fold, 0);
            for (int batch : rows.stream().mapToInt(Measurement::batch).distinct().sorted().toArray()) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).batch() == batch) {
                        idx.add(i);
                    }
                }
                if (idx.size() < 2) {
                    continue;
                }
                String where = source.label() + " b" + batch + " " + folds + "-fold-cv";
                errors.add(ErrorStats.of("latency_ms", where, pick(tHat, idx), pick(g.latency, idx)));
                double[] eHat = new double[idx.size()];
                for (int k = 0; k < idx.size(); k++) {
                    eHat[k] = staticPowerW * tHat[idx.get(k)] + dHat[idx.get(k)];
                }
                errors.add(ErrorStats.of("energy_mj", where, eHat, pick(g.total, idx)));
            }
        }
        Coefficients c = lat.getOrDefault(CostGroup.CONV, Coefficients.ZERO);
        Coefficients f = lat.getOrDefault(CostGroup.FC, c);
        Coefficients ce = dyn.getOrDefault(CostGroup.CONV, Coefficients.ZERO);
        Coefficients fe = dyn.getOrDefault(CostGroup.FC, ce);
        Coefficients elementLatency = new Coefficients(Math.min(c.fixed(), f.fixed()), 0,
                Math.max(c.perByte(), f.perByte()));
        Coefficients elementEnergy = new Coefficients(Math.min(ce.fixed(), fe.fixed()), 0,
                Math.max(ce.perByte(), fe.perByte()));
        for (CostGroup g : List.of(CostGroup.POOL, CostGroup.NORM, CostGroup.ACT, CostGroup.ADD, CostGroup.ZERO)) {
            lat.put(g, elementLatency);
            dyn.put(g, elementEnergy);
        }
        return new Result(live(lat), live(dyn), errors);
    }

    private static LinearCostModel live(Map<CostGroup, Coefficients> byGroup) {
        Map<CostKey, Coefficients> m = new TreeMap<>();
        byGroup.forEach((g, c) -> m.put(CostKey.of(g, CostTerm.LIVE), c));
        return LinearCostModel.of(0, m);
    }

    private static double[] crossValidate(List<double[]> rows, double[] values, double[] scales, int[] fold,
                                          double minPerMac) {
        return CrossValidation.predict(fold, i -> true, train -> {
            int[] idx = java.util.stream.IntStream.range(0, rows.size()).filter(train).toArray();
            LinearCostModel m = LinearCostFit.fit(java.util.Arrays.stream(idx).mapToObj(rows::get).toList(),
                    pick(values, idx), pick(scales, idx), minPerMac);
            return i -> predict(m, rows.get(i));
        });
    }

    /** The model's value at a design-matrix row (the row of a one-layer network: its intercept counts). */
    private static double predict(LinearCostModel m, double[] row) {
        double y = m.intercept() * row[0];
        for (CostKey k : CostKey.all()) {
            int c = LinearCostFit.column(k);
            y += m.coefficients(k).cost(row[c], row[c + 1], row[c + 2]);
        }
        return y;
    }

    /** A single-layer fit charges its per-inference intercept to the layer: it is that layer's launch cost. */
    private static Coefficients withIntercept(LinearCostModel m, CostGroup group) {
        Coefficients c = m.coefficients(group, CostTerm.LIVE);
        return new Coefficients(c.fixed() + m.intercept(), c.perMac(), c.perByte());
    }

    private static double[] pick(double[] values, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> values[i]).toArray();
    }

    private static double[] pick(double[] values, int[] idx) {
        return java.util.Arrays.stream(idx).mapToDouble(i -> values[i]).toArray();
    }

    private record Group(List<double[]> features, double[] latency, double[] dynamic, double[] total) {
        static Group of(List<Measurement> rows, Precision precision) {
            List<double[]> f = new ArrayList<>(rows.size());
            double[] t = new double[rows.size()];
            double[] d = new double[rows.size()];
            double[] e = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Measurement r = rows.get(i);
                f.add(LinearCostFit.features(r.architecture(), r.batch(), precision, Execution.EAGER));
                t[i] = r.latencyMs();
                d[i] = r.dynamicMj();
                e[i] = r.energyMj();
            }
            return new Group(f, t, d, e);
        }
    }
}
