package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.KernelDependence;
import org.edgenas.energy.profile.PaperCoefficients;

/**
 * Fits the {@code paper} form to single-layer sweeps of total energy: gamma on the fc sweep; for each candidate kernel
 * dependence f, alpha and beta on the conv sweep (non-negative least squares on columns MACs and MACs x f(K), weighted
 * by 1 / energy), keeping the f with the lowest cross-validated MAPE.
 */
public final class PaperFit {

    private PaperFit() {
    }

    /**
     * The chosen coefficients and the cross-validated error of every candidate (target {@code energy_mj}, rows
     * {@code conv <f> k-fold-cv}, and {@code fc k-fold-cv}).
     */
    public record Result(PaperCoefficients coefficients, List<FitError> errors) {
    }

    /**
     * Fits gamma on {@code fc} and alpha, beta and f on {@code conv}, all on total energy per forward pass, with gamma
     * and alpha at least {@code minPerMac} (mJ per MAC: the board's static power over its peak MAC rate).
     */
    public static Result fit(List<Measurement> conv, List<Measurement> fc, int folds, long seed, double minPerMac) {
        List<FitError> errors = new ArrayList<>();
        double gamma = 0;
        if (fc.size() >= folds) {
            double[][] a = new double[fc.size()][];
            double[] y = new double[fc.size()];
            for (int i = 0; i < fc.size(); i++) {
                a[i] = new double[] {fc.get(i).architecture().macs() * (double) fc.get(i).batch()};
                y[i] = fc.get(i).energyMj();
            }
            gamma = solve(a, y, minPerMac)[0];
            errors.add(ErrorStats.of("energy_mj", "fc " + folds + "-fold-cv", crossValidate(a, y, folds, seed, minPerMac), y));
        }
        KernelDependence best = null;
        double bestMape = Double.POSITIVE_INFINITY;
        double[] bestCoef = {0, 0};
        for (KernelDependence f : KernelDependence.CANDIDATES) {
            double[][] a = new double[conv.size()][];
            double[] y = new double[conv.size()];
            for (int i = 0; i < conv.size(); i++) {
                Measurement r = conv.get(i);
                double macs = r.architecture().macs() * (double) r.batch();
                int kernels = r.architecture().output().channels();
                a[i] = new double[] {macs, macs * f.at(kernels)};
                y[i] = r.energyMj();
            }
            FitError e = ErrorStats.of("energy_mj", "conv " + f.key() + " " + folds + "-fold-cv",
                    crossValidate(a, y, folds, seed, minPerMac), y);
            errors.add(e);
            if (e.mapePct() < bestMape) {
                bestMape = e.mapePct();
                best = f;
                bestCoef = solve(a, y, minPerMac);
            }
        }
        return new Result(new PaperCoefficients(gamma, bestCoef[0], bestCoef[1], best), errors);
    }

    /** Coefficients of the columns of {@code a}; the first (MACs) at least {@code minPerMac}. */
    private static double[] solve(double[][] a, double[] y, double minPerMac) {
        double[] lower = new double[a[0].length];
        lower[0] = minPerMac;
        return Nnls.solveRelative(a, y, y, lower);
    }

    private static double[] crossValidate(double[][] a, double[] y, int folds, long seed, double minPerMac) {
        return CrossValidation.predict(CrossValidation.folds(y.length, folds, seed), i -> true, train -> {
            int[] rows = java.util.stream.IntStream.range(0, y.length).filter(train).toArray();
            double[] x = solve(java.util.Arrays.stream(rows).mapToObj(i -> a[i]).toArray(double[][]::new),
                    java.util.Arrays.stream(rows).mapToDouble(i -> y[i]).toArray(), minPerMac);
            return i -> {
                double p = 0;
                for (int j = 0; j < x.length; j++) {
                    p += x[j] * a[i][j];
                }
                return p;
            };
        });
    }
}
