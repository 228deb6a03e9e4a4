package org.edgenas.energy.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Non-negative least squares: minimise |A x - b|^2 subject to x >= 0, by the active-set method of Lawson and Hanson
 * (Solving Least Squares Problems, 1974, ch. 23). Each unconstrained sub-problem is solved with Commons Math's
 * singular value decomposition, so collinear columns (common in network-level data) give the minimum-norm solution
 * instead of failing.
 */
public final class Nnls {

    private Nnls() {
    }

    /**
     * The non-negative least-squares solution.
     *
     * @param a m x n design matrix (rows = observations)
     * @param b m observations
     * @return x, n non-negative coefficients
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = a[0].length;
        RealMatrix am = new Array2DRowRealMatrix(a, false);
        RealVector bv = new ArrayRealVector(b, false);
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        double tol = 1e-10 * am.getFrobeniusNorm() * Math.max(1, bv.getNorm());
        for (int outer = 0; outer < 3 * n + 10; outer++) {
            double[] w = gradient(am, bv, x);
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w[j] > tol && (best < 0 || w[j] > w[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            passive[best] = true;
            for (int inner = 0; inner < 3 * n + 10; inner++) {
                double[] s = subproblem(am, bv, passive);
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && s[j] <= 0) {
                        feasible = false;
                        break;
                    }
                }
                if (feasible) {
                    x = s;
                    break;
                }
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && s[j] <= 0) {
                        alpha = Math.min(alpha, x[j] / (x[j] - s[j]));
                    }
                }
                for (int j = 0; j < n; j++) {
                    x[j] += alpha * (s[j] - x[j]);
                    if (passive[j] && x[j] <= 1e-15) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        for (int j = 0; j < n; j++) {
            x[j] = Math.max(0, x[j]);
        }
        return x;
    }

    /**
     * Non-negative least squares for relative error: minimises sum over rows of ((a_i x - y_i) / scale_i)^2 with
     * x >= 0. Columns are scaled to unit maximum before solving (all-zero columns get coefficient 0), which keeps
     * features of very different magnitudes (counts, MACs, bytes) well conditioned.
     *
     * @param a      m x n design matrix
     * @param y      m observations
     * @param scales m positive magnitudes the residuals are relative to
     */
    public static double[] solveRelative(double[][] a, double[] y, double[] scales) {
        int n = a[0].length;
        double[] colScale = new double[n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                colScale[j] = Math.max(colScale[j], Math.abs(row[j]));
            }
        }
        double[][] w = new double[a.length][n];
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double weight = 1 / scales[i];
            for (int j = 0; j < n; j++) {
                w[i][j] = colScale[j] == 0 ? 0 : a[i][j] / colScale[j] * weight;
            }
            b[i] = y[i] * weight;
        }
        double[] x = solve(w, b);
        for (int j = 0; j < n; j++) {
            x[j] = colScale[j] == 0 ? 0 : x[j] / colScale[j];
        }
        return x;
    }

    /**
     * {@link #solveRelative(double[][], double[], double[])} with x >= {@code lower} instead of x >= 0: the excess
     * x - lower is fitted to y - A lower, so every coefficient keeps at least its bound.
     *
     * @param lower n non-negative lower bounds
     */
    public static double[] solveRelative(double[][] a, double[] y, double[] scales, double[] lower) {
        double[] excess = y.clone();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < lower.length; j++) {
                excess[i] -= lower[j] * a[i][j];
            }
        }
        double[] x = solveRelative(a, excess, scales);
        for (int j = 0; j < x.length; j++) {
            x[j] += lower[j];
        }
        return x;
    }

    /**
     * A robust {@link #solveRelative(double[][], double[], double[], double[])}: Huber's M-estimator by iteratively
     * reweighted least squares (Huber 1964; tuning constant 1.345 times the relative residuals' scale, estimated as
     * 1.4826 x their median absolute value), so that rows with gross measurement errors pull the fit less than in
     * plain least squares. At most 30 reweightings, fewer when the weights settle.
     */
    public static double[] solveRobust(double[][] a, double[] y, double[] scales, double[] lower) {
        double[] s = scales.clone();
        double[] x = solveRelative(a, y, s, lower);
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] r = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                double p = 0;
                for (int j = 0; j < x.length; j++) {
                    p += a[i][j] * x[j];
                }
                r[i] = Math.abs(p - y[i]) / scales[i];
            }
            double[] sorted = r.clone();
            java.util.Arrays.sort(sorted);
            double spread = 1.4826 * sorted[sorted.length / 2];
            if (!(spread > 0)) {
                break;
            }
            double c = 1.345 * spread;
            boolean settled = true;
            for (int i = 0; i < y.length; i++) {
                double next = r[i] <= c ? scales[i] : scales[i] * Math.sqrt(r[i] / c);
                settled &= Math.abs(next - s[i]) <= 1e-6 * s[i];
                s[i] = next;
            }
            if (settled) {
                break;
            }
            x = solveRelative(a, y, s, lower);
        }
        return x;
    }

    private static double[] gradient(RealMatrix a, RealVector b, double[] x) {
        RealVector residual = b.subtract(a.operate(new ArrayRealVector(x, false)));
        return a.transpose().operate(residual).toArray();
    }

    private static double[] subproblem(RealMatrix a, RealVector b, boolean[] passive) {
        int n = passive.length;
        int k = 0;
        int[] cols = new int[n];
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                cols[k++] = j;
            }
        }
        int[] rows = new int[a.getRowDimension()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        RealMatrix sub = a.getSubMatrix(rows, java.util.Arrays.copyOf(cols, k));
        double[] z = new SingularValueDecomposition(sub).getSolver().solve(b).toArray();
        double[] s = new double[n];
        for (int i = 0; i < k; i++) {
            s[cols[i]] = z[i];
        }
        return s;
    }
}
