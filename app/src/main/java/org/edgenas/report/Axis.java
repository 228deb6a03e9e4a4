package org.edgenas.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plot axis over the values it must show: logarithmic when they are all positive and span more than
 * {@value #LOG_SPAN}x (two decades), linear otherwise, with round tick values.
 *
 * @param min lowest value shown
 * @param max highest value shown
 * @param log whether the scale is logarithmic
 */
record Axis(double min, double max, boolean log) {

    /** The ratio of largest to smallest value beyond which an all-positive axis is logarithmic. */
    static final double LOG_SPAN = 100;

    /**
     * The axis for {@code values} (non-finite ones ignored): a little wider than their range, logarithmic when they
     * are all positive and span more than {@link #LOG_SPAN}x.
     */
    static Axis of(List<Double> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new Axis(0, 1, false);
        }
        if (lo > 0 && hi / lo > LOG_SPAN) {
            double pad = Math.pow(hi / lo, 0.04);
            return new Axis(lo / pad, hi * pad, true);
        }
        double span = hi - lo;
        double pad = span > 0 ? span * 0.05 : Math.max(Math.abs(lo) * 0.05, 0.5);
        return new Axis(lo - pad, hi + pad, false);
    }

    /** Where {@code v} lies on the axis, 0 at {@link #min}, 1 at {@link #max}. */
    double fraction(double v) {
        return log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
    }

    /** Round values within the axis to mark and label: decades on a log axis, about six steps on a linear one. */
    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.ceil(Math.log10(min) - 1e-9); Math.pow(10, e) <= max * (1 + 1e-9); e++) {
                out.add(Math.pow(10, e));
            }
            return out;
        }
        double step = step();
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
            out.add(k * step);
        }
        return out;
    }

    /** Unlabelled marks between the decades of a log axis (2x to 9x each); none on a linear axis. */
    List<Double> minorTicks() {
        List<Double> out = new ArrayList<>();
        if (!log) {
            return out;
        }
        for (int e = (int) Math.floor(Math.log10(min)); Math.pow(10, e) <= max; e++) {
            for (int m = 2; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                if (v >= min && v <= max) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** A round step (1, 2 or 5 times a power of ten) giving about six ticks. */
    private double step() {
        double raw = (max - min) / 6;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / power;
        return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * power;
    }

    /** A tick value as text: plain for ordinary magnitudes, with an exponent for very large or small ones. */
    String label(double v) {
        if (Math.abs(v) < 1e-12 * Math.max(Math.abs(min), Math.abs(max))) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v).replaceFirst("\\.?0+e", "e").replace("e+0", "e")
                    .replace("e+", "e").replace("e-0", "e-");
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
