package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * Fits a {@link LinearCostModel} to network-level measurements. The model is linear in its coefficients, so each
 * network becomes one row of a design matrix (an intercept, then per {@link CostGroup} the number of layers, their
 * MACs and their bytes over the batch) and the fit is a non-negative least-squares problem ({@link Nnls}), weighted
 * by 1 / measured value so that it minimises relative, not absolute, error. Columns are scaled to unit maximum first.
 */
public final class LinearCostFit {

    /** Number of design-matrix columns: intercept + 3 per group. */
    public static final int COLUMNS = 1 + 3 * CostGroup.values().length;

    private LinearCostFit() {
    }

    /** The design-matrix row of an architecture at a batch size and precision. */
    public static double[] features(Architecture a, int batch, Precision precision) {
        double[] f = new double[COLUMNS];
        f[0] = 1;
        List<LayerCost> costs = a.costs();
        for (int i = 0; i < costs.size(); i++) {
            int g = 1 + 3 * CostGroup.of(a.nodes().get(i).layer()).ordinal();
            LayerCost c = costs.get(i);
            f[g] += 1;
            f[g + 1] += (double) c.macs() * batch;
            f[g + 2] += c.bytes(batch, precision);
        }
        return f;
    }

    /** The model with coefficient vector {@code x} (layout as in {@link #features}). */
    public static LinearCostModel model(double[] x) {
        EnumMap<CostGroup, Coefficients> m = new EnumMap<>(CostGroup.class);
        for (CostGroup g : CostGroup.values()) {
            int i = 1 + 3 * g.ordinal();
            if (x[i] != 0 || x[i + 1] != 0 || x[i + 2] != 0) {
                m.put(g, new Coefficients(x[i], x[i + 1], x[i + 2]));
            }
        }
        return LinearCostModel.of(x[0], m);
    }

    /**
     * Fits the model to every sample given (the caller leaves out validation rows).
     *
     * @param rows   design-matrix rows from {@link #features}
     * @param values measured values, positive
     */
    public static LinearCostModel fit(List<double[]> rows, double[] values) {
        if (rows.size() != values.length || rows.isEmpty()) {
            throw new IllegalArgumentException("need one measured value per row, got " + rows.size() + " rows and "
                    + values.length + " values");
        }
        double[] scale = new double[COLUMNS];
        for (double[] r : rows) {
            for (int j = 0; j < COLUMNS; j++) {
                scale[j] = Math.max(scale[j], Math.abs(r[j]));
            }
        }
        double[][] a = new double[rows.size()][COLUMNS];
        double[] b = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double w = 1 / values[i];
            for (int j = 0; j < COLUMNS; j++) {
                a[i][j] = scale[j] == 0 ? 0 : rows.get(i)[j] / scale[j] * w;
            }
            b[i] = values[i] * w;
        }
        double[] x = Nnls.solve(a, b);
        for (int j = 0; j < COLUMNS; j++) {
            x[j] = scale[j] == 0 ? 0 : x[j] / scale[j];
        }
        return model(x);
    }

    /** The model's prediction for a design-matrix row. */
    public static double predict(LinearCostModel m, double[] row) {
        double y = m.intercept();
        for (CostGroup g : CostGroup.values()) {
            int i = 1 + 3 * g.ordinal();
            Coefficients c = m.coefficients(g);
            y += c.fixed() * row[i] + c.perMac() * row[i + 1] + c.perByte() * row[i + 2];
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
     * over the calibration samples (folds drawn with {@code seed}).
     *
     * @param target    name of the predicted quantity, e.g. {@code latency_ms}
     * @param precision precision at which bytes are counted
     */
    public static Result calibrate(List<Sample> samples, String target, Precision precision, int folds, long seed) {
        List<double[]> calRows = new ArrayList<>();
        List<Double> calValues = new ArrayList<>();
        List<double[]> valRows = new ArrayList<>();
        List<Double> valValues = new ArrayList<>();
        for (Sample s : samples) {
            double[] row = features(s.architecture(), s.batch(), precision);
            (s.validation() ? valRows : calRows).add(row);
            (s.validation() ? valValues : calValues).add(s.value());
        }
        if (calRows.size() < Math.max(folds, 2)) {
            throw new IllegalArgumentException("need at least " + Math.max(folds, 2) + " calibration rows to fit "
                    + target + ", got " + calRows.size());
        }
        double[] cal = calValues.stream().mapToDouble(Double::doubleValue).toArray();
        LinearCostModel model = fit(calRows, cal);
        List<FitError> errors = new ArrayList<>();
        if (valRows.size() >= 2) {
            double[] predicted = valRows.stream().mapToDouble(r -> predict(model, r)).toArray();
            errors.add(ErrorStats.of(target, "validation", predicted,
                    valValues.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (folds >= 2) {
            errors.add(crossValidate(calRows, cal, target, folds, seed));
        }
        return new Result(model, errors);
    }

    private static FitError crossValidate(List<double[]> rows, double[] values, String target, int folds, long seed) {
        int n = rows.size();
        int[] fold = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < n; i++) {
            fold[order.get(i)] = i % folds;
        }
        double[] predicted = new double[n];
        for (int f = 0; f < folds; f++) {
            List<double[]> train = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    train.add(rows.get(i));
                    y.add(values[i]);
                }
            }
            LinearCostModel m = fit(train, y.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    predicted[i] = predict(m, rows.get(i));
                }
            }
        }
        return ErrorStats.of(target, folds + "-fold-cv", predicted, values);
    }
}
