package org.edgenas.energy.fit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.LayerFeatures;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * Fits a {@link LinearCostModel} to measurements. The model is linear in its coefficients, so each measured network
 * becomes one row of a design matrix (an intercept, then per {@link CostKey} the charged count, MACs and bytes of
 * {@link LayerFeatures}) and the fit is a non-negative least-squares problem ({@link Nnls}) weighted by 1 / scale, so
 * that it minimises relative, not absolute, error.
 */
public final class LinearCostFit {

    private static final List<CostKey> KEYS = CostKey.all();

    /** Number of design-matrix columns: intercept + 3 per cost key. */
    public static final int COLUMNS = 1 + 3 * KEYS.size();

    private LinearCostFit() {
    }

    /** The first of the three columns (count, MACs, bytes) of {@code key}. */
    public static int column(CostKey key) {
        return 1 + 3 * key.index();
    }

    /** The design-matrix row of an architecture at a batch size, precision and execution. */
    public static double[] features(Architecture a, int batch, Precision precision, Execution execution) {
        double[] f = new double[COLUMNS];
        f[0] = 1;
        LayerFeatures.visit(a, batch, precision, execution, (node, key, count, macs, bytes) -> {
            int c = column(key);
            f[c] += count;
            f[c + 1] += macs;
            f[c + 2] += bytes;
        });
        return f;
    }

    /** The model with coefficient vector {@code x} (layout as in {@link #features}). */
    public static LinearCostModel model(double[] x) {
        Map<CostKey, Coefficients> m = new TreeMap<>();
        for (CostKey k : KEYS) {
            int i = column(k);
            if (x[i] != 0 || x[i + 1] != 0 || x[i + 2] != 0) {
                m.put(k, new Coefficients(x[i], x[i + 1], x[i + 2]));
            }
        }
        return LinearCostModel.of(x[0], m);
    }

    /**
     * Fits the model to every row given (the caller leaves out validation rows), with every live term's cost per MAC
     * at least {@code minPerMac}: the board's floor (e.g. 1 / peak MAC rate for latency). The bound is met by fitting
     * the excess over it with non-negative least squares, so the fit finds efficiencies and overheads within the
     * board's limits. Terms whose MACs are zero on every row get no per-MAC coefficient.
     *
     * @param rows      design-matrix rows from {@link #features}
     * @param values    measured values
     * @param scales    positive magnitudes the residuals are relative to
     * @param minPerMac least cost per MAC of a live layer (0: none), in the unit of the values
     * @param robust    fit with Huber's M-estimator ({@link Nnls#solveRobust}) instead of least squares, for noisy
     *                  values
     */
    public static LinearCostModel fit(List<double[]> rows, double[] values, double[] scales, double minPerMac,
                                      boolean robust) {
        if (rows.size() != values.length || values.length != scales.length || rows.isEmpty()) {
            throw new IllegalArgumentException("need one value and scale per row, got " + rows.size() + " rows, "
                    + values.length + " values and " + scales.length + " scales");
        }
        if (!(minPerMac >= 0)) {
            throw new IllegalArgumentException("the least cost per MAC must be >= 0, got " + minPerMac);
        }
        double[] lower = new double[COLUMNS];
        for (CostKey k : KEYS) {
            int macs = column(k) + 1;
            if (k.term() == CostTerm.LIVE && rows.stream().anyMatch(r -> r[macs] != 0)) {
                lower[macs] = minPerMac;
            }
        }
        double[][] a = rows.toArray(double[][]::new);
        return model(robust ? Nnls.solveRobust(a, values, scales, lower) : Nnls.solveRelative(a, values, scales, lower));
    }
}
