package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * A linear cost model fitted on few rows with another board's costs as its prior: what {@code ./nas calibrate
 * --prior} does for each quantity. Three steps, all on errors relative to the measured values:
 * <ol>
 *   <li><b>Anchor.</b> The prior's costs are rescaled to this board: one factor per layer group and term (conv live,
 *       pool fan-out, ..., and the intercept), fitted by non-negative least squares to the rows and pulled towards
 *       the single factor that best turns the prior's predictions into the measurements (with strength
 *       {@value #SCALE_SHRINKAGE}, so that a term seen on few rows keeps the prior's share); every coefficient is then
 *       raised to its physical lower bound. Which costs matter relative to each other comes from the prior; how much
 *       slower or faster this board runs each kind of layer comes from the rows.</li>
 *   <li><b>Shrinkage.</b> The layerwise fit of the rows (the same non-negative least squares with the same lower
 *       bounds as without a prior) with a penalty {@code strength x sum_j (w_j (x_j - t_j))^2} towards the anchor t.
 *       {@code w_j = d_j / (|t_j| d_j + }{@value #KAPPA}{@code )}, d_j the column's root-mean-square share of the
 *       measured values, measures a coefficient's change relative to the anchor's share of a row (plus 10 % of a row),
 *       so the penalty acts like shrinkage of log-coefficients: a cost the prior holds large may grow or shrink by a
 *       similar factor as a small one. A coefficient no row constrains stays at its anchor: the prior prices what the
 *       rows did not show.</li>
 *   <li><b>Strength</b> by cross-validation on the rows: each of {@link #STRENGTHS} (0 is the rows alone, the prior
 *       ignored) is scored by the squared log ratio of out-of-fold predictions (anchor and fit both made on the
 *       training folds; k = min(10, groups) folds up to 200 rows, 5 beyond), and the best is refitted on all rows.</li>
 * </ol>
 * The penalty does not grow with the number of rows, so with many rows the data term dominates and the fit converges
 * to the fit without a prior, whichever strength is chosen.
 */
public final class PriorFit {

    /** Shrinkage strengths cross-validation chooses among; 0 ignores the prior. */
    public static final double[] STRENGTHS = {0, 0.1, 1, 10, 100};

    /** Pull of the per-term scale factors towards the common one. */
    static final double SCALE_SHRINKAGE = 10;

    /** Share of a measured value a coefficient may move before its change counts as large. */
    static final double KAPPA = 0.1;

    private PriorFit() {
    }

    /**
     * A fit with a prior.
     *
     * @param model    the fitted model
     * @param strength the shrinkage strength cross-validation chose
     * @param scale    the single factor that best turns the prior's predictions into the measurements
     */
    public record Result(LinearCostModel model, double strength, double scale) {
    }

    /** Rows of a fit: design rows, measured values and the magnitudes residuals are relative to. */
    private record Rows(List<double[]> features, double[] values, double[] scales) {
        int size() {
            return values.length;
        }

        Rows subset(int[] idx) {
            List<double[]> f = new ArrayList<>(idx.length);
            double[] v = new double[idx.length];
            double[] s = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                f.add(features.get(idx[i]));
                v[i] = values[idx[i]];
                s[i] = scales[idx[i]];
            }
            return new Rows(f, v, s);
        }
    }

    /**
     * Fits {@code values} on {@code rows} leaning on {@code prior} (layout as in {@link LinearCostFit#features}).
     *
     * @param rows      design-matrix rows
     * @param values    measured values
     * @param scales    positive magnitudes the residuals are relative to
     * @param minPerMac least cost per MAC of a live layer (as {@link LinearCostFit#fit})
     * @param robust    fit with Huber's M-estimator
     * @param prior     the prior's cost vector
     * @param groups    one key per row; rows of a group share a cross-validation fold
     * @param seed      seed of the folds
     */
    public static Result fit(List<double[]> rows, double[] values, double[] scales, double minPerMac, boolean robust,
                             double[] prior, List<?> groups, long seed) {
        if (rows.size() != values.length || values.length != scales.length || rows.isEmpty()
                || groups.size() != rows.size() || prior.length != LinearCostFit.COLUMNS) {
            throw new IllegalArgumentException("need one value, scale and group per row and a prior of "
                    + LinearCostFit.COLUMNS + " coefficients");
        }
        Rows all = new Rows(rows, values, scales);
        double[] lower = LinearCostFit.lower(rows, minPerMac);
        double strength = choose(all, minPerMac, robust, prior, groups, seed);
        double[] anchor = anchor(all, lower, prior);
        return new Result(LinearCostFit.model(shrunk(all, lower, robust, anchor, strength)), strength,
                commonScale(all, prior));
    }

    /** The strength of {@link #STRENGTHS} with the least out-of-fold squared log ratio (the first of equals). */
    private static double choose(Rows all, double minPerMac, boolean robust, double[] prior, List<?> groups,
                                 long seed) {
        int distinct = new HashSet<>(groups).size();
        if (distinct < 2) {
            return STRENGTHS[0];
        }
        int k = Math.min(all.size() <= 200 ? 10 : 5, distinct);
        int[] fold = CrossValidation.folds(groups, k, seed);
        // what a fold's fit starts from does not depend on the strength: made once per fold
        Rows[] train = new Rows[k];
        double[][] lowers = new double[k][];
        double[][] anchors = new double[k][];
        for (int f = 0; f < k; f++) {
            int held = f;
            train[f] = all.subset(java.util.stream.IntStream.range(0, all.size()).filter(i -> fold[i] != held)
                    .toArray());
            lowers[f] = LinearCostFit.lower(train[f].features(), minPerMac);
            anchors[f] = anchor(train[f], lowers[f], prior);
        }
        double best = Double.POSITIVE_INFINITY;
        double chosen = STRENGTHS[0];
        for (double strength : STRENGTHS) {
            double error = 0;
            for (int f = 0; f < k; f++) {
                int held = f;
                double[] x = shrunk(train[f], lowers[f], robust, strength == 0 ? null : anchors[f], strength);
                for (int i = 0; i < all.size(); i++) {
                    if (fold[i] == held) {
                        double p = dot(all.features().get(i), x);
                        double r = Math.log(Math.max(p, 1e-9 * all.values()[i]) / all.values()[i]);
                        error += r * r;
                    }
                }
            }
            if (error < best) {
                best = error;
                chosen = strength;
            }
        }
        return chosen;
    }

    /**
     * The least-squares factor c minimising the relative error of c x (the prior's predictions), or 0 where the
     * prior predicts nothing for these rows.
     */
    static double commonScale(Rows rows, double[] prior) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < rows.size(); i++) {
            double q = dot(rows.features().get(i), prior) / rows.scales()[i];
            num += q * rows.values()[i] / rows.scales()[i];
            den += q * q;
        }
        return den > 0 ? num / den : 0;
    }

    /** The prior rescaled to the rows: one factor per cost key (and the intercept), then raised to the bounds. */
    private static double[] anchor(Rows rows, double[] lower, double[] prior) {
        double c0 = commonScale(rows, prior);
        List<CostKey> keys = CostKey.all();
        int blocks = 1 + keys.size();
        int n = rows.size();
        double[][] f = new double[n][blocks];
        for (int i = 0; i < n; i++) {
            double[] r = rows.features().get(i);
            double s = rows.scales()[i];
            f[i][0] = r[0] * prior[0] / s;
            for (CostKey k : keys) {
                int c = LinearCostFit.column(k);
                f[i][1 + k.index()] = (r[c] * prior[c] + r[c + 1] * prior[c + 1] + r[c + 2] * prior[c + 2]) / s;
            }
        }
        double[] rms = new double[blocks];
        List<Integer> active = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += f[i][b] * f[i][b];
            }
            rms[b] = Math.sqrt(sum / n);
            if (rms[b] > 0) {
                active.add(b);
            }
        }
        double[] factor = new double[blocks];
        java.util.Arrays.fill(factor, c0);
        if (!active.isEmpty() && c0 > 0) {
            int m = active.size();
            double[][] a = new double[n + m][m];
            double[] y = new double[n + m];
            double pull = Math.sqrt(SCALE_SHRINKAGE);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] = f[i][active.get(j)];
                }
                y[i] = rows.values()[i] / rows.scales()[i];
            }
            for (int j = 0; j < m; j++) {
                a[n + j][j] = pull * rms[active.get(j)];
                y[n + j] = pull * rms[active.get(j)] * c0;
            }
            double[] c = Nnls.solve(a, y);
            for (int j = 0; j < m; j++) {
                factor[active.get(j)] = c[j];
            }
        }
        double[] t = new double[LinearCostFit.COLUMNS];
        t[0] = Math.max(lower[0], factor[0] * prior[0]);
        for (CostKey k : keys) {
            int c = LinearCostFit.column(k);
            for (int q = 0; q < 3; q++) {
                t[c + q] = Math.max(lower[c + q], factor[1 + k.index()] * prior[c + q]);
            }
        }
        return t;
    }

    /**
     * The bounded non-negative least-squares fit of the rows with the penalty {@code strength x sum (w_j (x_j -
     * anchor_j))^2} appended as rows (none when {@code strength} is 0 or there is no anchor).
     */
    private static double[] shrunk(Rows rows, double[] lower, boolean robust, double[] anchor, double strength) {
        int n = rows.size();
        List<double[]> a = new ArrayList<>(rows.features());
        List<Double> y = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y.add(rows.values()[i]);
            s.add(rows.scales()[i]);
        }
        if (strength > 0 && anchor != null) {
            double root = Math.sqrt(strength);
            for (int j = 0; j < LinearCostFit.COLUMNS; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double v = rows.features().get(i)[j] / rows.scales()[i];
                    sum += v * v;
                }
                double d = Math.sqrt(sum / n);
                double t = anchor[j];
                if (d == 0 && t == 0) {
                    continue;
                }
                double w = d > 0 ? d / (Math.abs(t) * d + KAPPA) : 1 / Math.abs(t);
                double[] row = new double[LinearCostFit.COLUMNS];
                row[j] = root * w;
                a.add(row);
                y.add(root * w * t);
                s.add(1.0);
            }
        }
        double[][] am = a.toArray(double[][]::new);
        double[] ym = y.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sm = s.stream().mapToDouble(Double::doubleValue).toArray();
        return robust ? Nnls.solveRobust(am, ym, sm, lower, n) : Nnls.solveRelative(am, ym, sm, lower);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
