package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.FitError;
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
     * @param staticPowerW idle power of the board, W
     */
    public static Result fit(List<LayerMeasurements.Row> conv, List<LayerMeasurements.Row> fc, double staticPowerW,
                             Precision precision, int folds, long seed) {
        List<FitError> errors = new ArrayList<>();
        Map<String, Coefficients> lat = new TreeMap<>();
        Map<String, Coefficients> dyn = new TreeMap<>();
        for (var entry : List.of(Map.entry("conv", conv), Map.entry("fc", fc))) {
            List<LayerMeasurements.Row> rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            CostGroup group = entry.getKey().equals("conv") ? CostGroup.CONV : CostGroup.FC;
            Group g = Group.of(rows, precision);
            LinearCostModel latency = LinearCostFit.fit(g.features, g.latency, g.latency);
            LinearCostModel dynamic = LinearCostFit.fit(g.features, g.dynamic, g.total);
            lat.put(group.key(), withIntercept(latency, group));
            dyn.put(group.key(), withIntercept(dynamic, group));
            double[] tHat = LinearCostFit.crossValidate(g.features, g.latency, g.latency, folds, seed);
            double[] dHat = LinearCostFit.crossValidate(g.features, g.dynamic, g.total, folds, seed);
            for (int batch : rows.stream().mapToInt(LayerMeasurements.Row::batch).distinct().sorted().toArray()) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).batch() == batch) {
                        idx.add(i);
                    }
                }
                if (idx.size() < 2) {
                    continue;
                }
                String where = entry.getKey() + " b" + batch + " " + folds + "-fold-cv";
                errors.add(ErrorStats.of("latency_ms", where, pick(tHat, idx), pick(g.latency, idx)));
                double[] eHat = new double[idx.size()];
                for (int k = 0; k < idx.size(); k++) {
                    eHat[k] = staticPowerW * tHat[idx.get(k)] + dHat[idx.get(k)];
                }
                errors.add(ErrorStats.of("energy_mj", where, eHat, pick(g.total, idx)));
            }
        }
        Coefficients c = lat.getOrDefault("conv", Coefficients.ZERO);
        Coefficients f = lat.getOrDefault("fc", c);
        Coefficients ce = dyn.getOrDefault("conv", Coefficients.ZERO);
        Coefficients fe = dyn.getOrDefault("fc", ce);
        Coefficients elementLatency = new Coefficients(Math.min(c.fixed(), f.fixed()), 0,
                Math.max(c.perByte(), f.perByte()));
        Coefficients elementEnergy = new Coefficients(Math.min(ce.fixed(), fe.fixed()), 0,
                Math.max(ce.perByte(), fe.perByte()));
        for (CostGroup g : List.of(CostGroup.POOL, CostGroup.NORM, CostGroup.ACT, CostGroup.ADD, CostGroup.ZERO)) {
            lat.put(g.key(), elementLatency);
            dyn.put(g.key(), elementEnergy);
        }
        return new Result(new LinearCostModel(0, lat), new LinearCostModel(0, dyn), errors);
    }

    /** A single-layer fit charges its per-inference intercept to the layer: it is that layer's launch cost. */
    private static Coefficients withIntercept(LinearCostModel m, CostGroup group) {
        Coefficients c = m.coefficients(group, CostTerm.LIVE);
        return new Coefficients(c.fixed() + m.intercept(), c.perMac(), c.perByte());
    }

    private static double[] pick(double[] values, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> values[i]).toArray();
    }

    private record Group(List<double[]> features, double[] latency, double[] dynamic, double[] total) {
        static Group of(List<LayerMeasurements.Row> rows, Precision precision) {
            List<double[]> f = new ArrayList<>(rows.size());
            double[] t = new double[rows.size()];
            double[] d = new double[rows.size()];
            double[] e = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                LayerMeasurements.Row r = rows.get(i);
                f.add(LinearCostFit.features(r.architecture(), r.batch(), precision, true));
                t[i] = r.latencyMs();
                d[i] = r.energyDynamicMj();
                e[i] = r.energyTotalMj();
            }
            return new Group(f, t, d, e);
        }
    }
}
