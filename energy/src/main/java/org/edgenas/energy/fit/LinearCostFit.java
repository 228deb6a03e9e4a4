package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LayerFeatures;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * Fits a {@link LinearCostModel} to measurements. The model is linear in its coefficients, so each measured network
 * becomes one row of a design matrix (an intercept, then per group and {@link CostTerm} the charged count, MACs and
 * bytes of {@link LayerFeatures}) and the fit is a non-negative least-squares problem ({@link Nnls}) weighted by
 * 1 / scale, so that it minimises relative, not absolute, error. Columns are scaled to unit maximum first.
 */
public final class LinearCostFit {

    private static final int TERMS = CostTerm.values().length;

    /** Number of design-matrix columns: intercept + 3 per (group, term). */
    public static final int COLUMNS = 1 + 3 * TERMS * CostGroup.values().length;

    private LinearCostFit() {
    }

    private static int column(CostGroup g, CostTerm t) {
        return 1 + 3 * (g.ordinal() * TERMS + t.ordinal());
    }

    /** The design-matrix row of an architecture at a batch size and precision, for an optimising runtime. */
    public static double[] features(Architecture a, int batch, Precision precision) {
        return features(a, batch, precision, false);
    }

    /** The design-matrix row of an architecture at a batch size and precision; see {@link LayerFeatures#visit}. */
    public static double[] features(Architecture a, int batch, Precision precision, boolean eager) {
        double[] f = new double[COLUMNS];
        f[0] = 1;
        LayerFeatures.visit(a, batch, precision, eager, (node, group, term, count, macs, bytes) -> {
            int c = column(group, term);
            f[c] += count;
            f[c + 1] += macs;
            f[c + 2] += bytes;
        });
        return f;
    }

    /** The model with coefficient vector {@code x} (layout as in {@link #features}). */
    public static LinearCostModel model(double[] x) {
        Map<String, Coefficients> m = new TreeMap<>();
        for (CostGroup g : CostGroup.values()) {
            for (CostTerm t : CostTerm.values()) {
                int i = column(g, t);
                if (x[i] != 0 || x[i + 1] != 0 || x[i + 2] != 0) {
                    m.put(t.key(g), new Coefficients(x[i], x[i + 1], x[i + 2]));
                }
            }
        }
        return new LinearCostModel(x[0], m);
    }

    /**
     * Fits the model to every row given (the caller leaves out validation rows).
     *
     * @param rows   design-matrix rows from {@link #features}
     * @param values measured values
     * @param scales positive magnitudes the residuals are relative to
     */
    public static LinearCostModel fit(List<double[]> rows, double[] values, double[] scales) {
        if (rows.size() != values.length || values.length != scales.length || rows.isEmpty()) {
            throw new IllegalArgumentException("need one value and scale per row, got " + rows.size() + " rows, "
                    + values.length + " values and " + scales.length + " scales");
        }
        double[] x = Nnls.solveRelative(rows.toArray(double[][]::new), values, scales);
        return model(x);
    }

    /** The model's prediction for a design-matrix row. */
    public static double predict(LinearCostModel m, double[] row) {
        double y = m.intercept();
        for (CostGroup g : CostGroup.values()) {
            for (CostTerm t : CostTerm.values()) {
                int i = column(g, t);
                Coefficients c = m.coefficients(g, t);
                y += c.fixed() * row[i] + c.perMac() * row[i + 1] + c.perByte() * row[i + 2];
            }
        }
        return y;
    }

    /**
     * A fitted model with its errors.
     *
     * @param model  fitted on all calibration samples
     * @param errors validation-row error (when there are validation rows) and k-fold cross-validated error
     */
    public record Result(LinearCostModel model, List<FitError> errors) {
    }

    /**
     * Fits on the calibration samples and reports error on the validation samples and by k-fold cross-validation
     * over the calibration samples (folds drawn with {@code seed}). Errors compare predictions with measured values,
     * which must then be positive.
     *
     * @param target    name of the predicted quantity, e.g. {@code latency_ms}
     * @param precision precision at which bytes are counted
     */
    public static Result calibrate(List<Sample> samples, String target, Precision precision, int folds, long seed) {
        Split s = Split.of(samples, precision);
        if (s.cal.size() < Math.max(folds, 2)) {
            throw new IllegalArgumentException("need at least " + Math.max(folds, 2) + " calibration rows to fit "
                    + target + ", got " + s.cal.size());
        }
        LinearCostModel model = fit(s.calRows(), s.values(s.cal), s.scales(s.cal));
        List<FitError> errors = new ArrayList<>();
        if (s.val.size() >= 2) {
            double[] predicted = s.val.stream().mapToDouble(i -> predict(model, s.rows.get(i))).toArray();
            errors.add(ErrorStats.of(target, "validation", predicted, s.values(s.val)));
        }
        if (folds >= 2) {
            double[] predicted = crossValidate(s.calRows(), s.values(s.cal), s.scales(s.cal), folds, seed);
            errors.add(ErrorStats.of(target, folds + "-fold-cv", predicted, s.values(s.cal)));
        }
        return new Result(model, errors);
    }

    /**
     * Out-of-fold predictions: row i predicted by a model fitted on the folds that do not hold it (folds drawn with
     * {@code seed}).
     */
    public static double[] crossValidate(List<double[]> rows, double[] values, double[] scales, int folds, long seed) {
        int[] fold = folds(rows.size(), folds, seed);
        double[] predicted = new double[rows.size()];
        for (int f = 0; f < folds; f++) {
            List<double[]> train = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f) {
                    train.add(rows.get(i));
                    y.add(values[i]);
                    w.add(scales[i]);
                }
            }
            LinearCostModel m = fit(train, y.stream().mapToDouble(Double::doubleValue).toArray(),
                    w.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    predicted[i] = predict(m, rows.get(i));
                }
            }
        }
        return predicted;
    }

    /** A fold number in [0, folds) for each of n rows, balanced and shuffled with {@code seed}. */
    public static int[] folds(int n, int folds, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order.get(i)] = i % folds;
        }
        return fold;
    }

    /** Samples split into calibration and validation rows, with their design-matrix rows. */
    record Split(List<double[]> rows, List<Sample> samples, List<Integer> cal, List<Integer> val) {

        static Split of(List<Sample> samples, Precision precision) {
            List<double[]> rows = new ArrayList<>(samples.size());
            List<Integer> cal = new ArrayList<>();
            List<Integer> val = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                rows.add(features(s.architecture(), s.batch(), precision));
                (s.validation() ? val : cal).add(i);
            }
            return new Split(rows, samples, cal, val);
        }

        List<double[]> calRows() {
            return cal.stream().map(rows::get).toList();
        }

        double[] values(List<Integer> idx) {
            return idx.stream().mapToDouble(i -> samples.get(i).value()).toArray();
        }

        double[] scales(List<Integer> idx) {
            return idx.stream().mapToDouble(i -> samples.get(i).scale()).toArray();
        }
    }
}
