package org.edgenas.energy.fit;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.edgenas.energy.profile.FitError;

/** Error of predictions against measurements: MAPE, Spearman rank correlation and largest error. */
public final class ErrorStats {

    private ErrorStats() {
    }

    /**
     * Compares {@code predicted} with {@code measured} (same length, measured positive).
     *
     * @param target what is predicted (e.g. {@code latency_ms})
     * @param rows   which rows (e.g. {@code validation})
     */
    public static FitError of(String target, String rows, double[] predicted, double[] measured) {
        return of(target, rows, predicted, measured, null);
    }

    /**
     * As {@link #of(String, String, double[], double[])}, with the Spearman correlation of {@code macs} (per row) and
     * the measured values recorded as the baseline.
     */
    public static FitError of(String target, String rows, double[] predicted, double[] measured, double[] macs) {
        if (predicted.length != measured.length || predicted.length < 2) {
            throw new IllegalArgumentException("need two or more paired values, got " + predicted.length + " and "
                    + measured.length);
        }
        double sum = 0;
        double max = 0;
        for (int i = 0; i < measured.length; i++) {
            double ape = Math.abs(predicted[i] - measured[i]) / measured[i] * 100;
            sum += ape;
            max = Math.max(max, ape);
        }
        double rho = new SpearmansCorrelation().correlation(predicted, measured);
        Double baseline = macs == null ? null : new SpearmansCorrelation().correlation(macs, measured);
        return new FitError(target, rows, measured.length, sum / measured.length, rho, max, baseline);
    }
}
