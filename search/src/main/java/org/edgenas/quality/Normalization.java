package org.edgenas.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps objective vectors (minimised) to [0, 1] per objective by the ideal and nadir points of a reference front:
 * {@code (f - ideal) / (nadir - ideal)}. The reference point for hypervolume is {@link #REFERENCE_POINT} = 1.1 in every
 * normalised objective, so the reference front's extreme points contribute 0.1 x their extent and points slightly
 * worse than the nadir still count. Ratios of hypervolumes computed this way do not depend on objective units.
 *
 * @param ideal best value of each objective on the reference front
 * @param nadir worst value of each objective on the reference front
 */
public record Normalization(double[] ideal, double[] nadir) {

    /** Reference point coordinate in every normalised objective. */
    public static final double REFERENCE_POINT = 1.1;

    /**
     * The normalisation of a reference front; points with a non-finite objective (e.g. a proxy's -infinity) are
     * ignored, and at least one finite point is needed.
     */
    public static Normalization of(List<double[]> front) {
        front = front.stream().filter(p -> java.util.Arrays.stream(p).allMatch(Double::isFinite)).toList();
        if (front.isEmpty()) {
            throw new IllegalArgumentException("cannot normalise by a front without finite points");
        }
        int m = front.getFirst().length;
        double[] lo = new double[m];
        double[] hi = new double[m];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] p : front) {
            for (int i = 0; i < m; i++) {
                lo[i] = Math.min(lo[i], p[i]);
                hi[i] = Math.max(hi[i], p[i]);
            }
        }
        return new Normalization(lo, hi);
    }

    /**
     * The normalised copy of {@code p}. An objective with no extent on the front (a front of one point) is scaled by
     * the magnitude of its value there instead (by 1 if that is 0), so that the result stays free of units.
     */
    public double[] apply(double[] p) {
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double span = nadir[i] - ideal[i];
            double scale = span > 0 ? span : Math.abs(ideal[i]) > 0 ? Math.abs(ideal[i]) : 1;
            q[i] = (p[i] - ideal[i]) / scale;
        }
        return q;
    }

    /** Every point normalised. */
    public List<double[]> apply(List<double[]> points) {
        List<double[]> out = new ArrayList<>(points.size());
        for (double[] p : points) {
            out.add(apply(p));
        }
        return out;
    }

    /** The hypervolume reference point for {@code m} objectives. */
    public static double[] referencePoint(int m) {
        double[] r = new double[m];
        java.util.Arrays.fill(r, REFERENCE_POINT);
        return r;
    }
}
