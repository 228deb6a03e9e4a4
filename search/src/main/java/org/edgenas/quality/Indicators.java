package org.edgenas.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Quality indicators of a two-objective front, in <b>minimisation</b> form (turn maximised objectives by negating
 * them) and on <b>normalised</b> objectives (see {@link Normalization}).
 * <ul>
 *   <li>{@link #hypervolume}: the exact area dominated by the points and bounded by the reference point (points that
 *       do not strictly dominate the reference point add nothing; duplicates and dominated points add nothing).</li>
 *   <li>{@link #igd}: inverted generational distance, the mean Euclidean distance from each reference-front point to
 *       its nearest found point (0 when the reference front is found).</li>
 *   <li>{@link #additiveEpsilon}: the smallest epsilon by which the found points must be shifted to weakly dominate
 *       every reference-front point (0 or less when they do already).</li>
 * </ul>
 */
public final class Indicators {

    private Indicators() {
    }

    /**
     * Exact two-dimensional hypervolume of {@code points} (each {@code {f1, f2}}, minimised) with respect to
     * {@code reference}.
     */
    public static double hypervolume(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != 2 || reference.length != 2) {
                throw new IllegalArgumentException("exact hypervolume is implemented for two objectives");
            }
            if (p[0] < reference[0] && p[1] < reference[1]) {
                inside.add(p);
            }
        }
        inside.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double volume = 0;
        double bestF2 = reference[1];
        for (double[] p : inside) {
            if (p[1] < bestF2) {
                volume += (reference[0] - p[0]) * (bestF2 - p[1]);
                bestF2 = p[1];
            }
        }
        return volume;
    }

    /** Inverted generational distance of {@code found} with respect to {@code reference} (same space). */
    public static double igd(List<double[]> found, List<double[]> reference) {
        if (found.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (double[] r : reference) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] f : found) {
                double d = 0;
                for (int i = 0; i < r.length; i++) {
                    d += (f[i] - r[i]) * (f[i] - r[i]);
                }
                best = Math.min(best, d);
            }
            sum += Math.sqrt(best);
        }
        return sum / reference.size();
    }

    /** Additive epsilon indicator of {@code found} with respect to {@code reference} (minimisation). */
    public static double additiveEpsilon(List<double[]> found, List<double[]> reference) {
        if (found.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double eps = Double.NEGATIVE_INFINITY;
        for (double[] r : reference) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] f : found) {
                double worst = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < r.length; i++) {
                    worst = Math.max(worst, f[i] - r[i]);
                }
                best = Math.min(best, worst);
            }
            eps = Math.max(eps, best);
        }
        return eps;
    }

    /** A copy of the points with duplicates removed, for display. */
    public static List<double[]> distinct(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            if (out.stream().noneMatch(q -> Arrays.equals(p, q))) {
                out.add(p);
            }
        }
        return out;
    }
}
