package org.edgenas.energy.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * The distribution of a model's held-out errors for one quantity, as log ratios {@code ln(measured / predicted)}: what
 * a prediction interval is made of. Stored as its quantile function at the {@value #STEPS} + 1 cumulative
 * probabilities {@code k / STEPS}, each the order statistic a split-conformal interval uses (rank {@code floor(p (n +
 * 1))} below the median, {@code ceil(p (n + 1))} from it on, clipped to the sample), so that a central interval of
 * {@code n} exchangeable held-out rows covers at least its nominal share P of new ones in expectation, provided the
 * ranks fall inside the sample: {@code n >= 2 / (1 - P) - 1} ({@link #fullCoverageRows}: 9 rows for 80 %, 19 for
 * 90 %). With fewer, the ranks are clipped to the smallest and largest error and the interval covers less (about 67 %
 * for an 80 % interval from 5 rows); {@link #coversFully} tells, and {@code ./nas calibrate} warns. Immutable.
 */
public final class ResidualDistribution {

    /** Number of steps of the stored quantile function (it holds one more value). */
    public static final int STEPS = 200;

    private final int n;
    private final double[] quantiles;

    private ResidualDistribution(int n, double[] quantiles) {
        this.n = n;
        this.quantiles = quantiles;
    }

    /**
     * The distribution of {@code logRatios}, each {@code ln(measured / predicted)} of a held-out row.
     *
     * @throws IllegalArgumentException for fewer than two values or a value that is not finite
     */
    public static ResidualDistribution of(double[] logRatios) {
        if (logRatios.length < 2) {
            throw new IllegalArgumentException("a residual distribution needs two or more held-out rows, got "
                    + logRatios.length);
        }
        double[] sorted = logRatios.clone();
        for (double r : sorted) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("a held-out log ratio is not finite: " + r);
            }
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] q = new double[STEPS + 1];
        for (int k = 0; k <= STEPS; k++) {
            double p = (double) k / STEPS;
            double rank = p * (n + 1);
            long r = 2 * k < STEPS ? (long) Math.floor(rank + 1e-9) : (long) Math.ceil(rank - 1e-9);
            q[k] = sorted[(int) Math.max(1, Math.min(n, r)) - 1];
        }
        return new ResidualDistribution(n, q);
    }

    /** Number of held-out rows behind the distribution. */
    public int n() {
        return n;
    }

    /**
     * The fewest held-out rows whose central {@code share} interval covers at least that share in expectation:
     * {@code ceil(2 / (1 - share) - 1)}, e.g. 9 for 0.8.
     *
     * @param share the interval's share, in (0, 1)
     */
    public static int fullCoverageRows(double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("an interval's share must be in (0, 1), got " + share);
        }
        return (int) Math.ceil(2 / (1 - share) - 1 - 1e-9);
    }

    /** Whether this distribution's central {@code share} interval covers that share in expectation (see above). */
    public boolean coversFully(double share) {
        return n >= fullCoverageRows(share);
    }

    /** The log ratio at cumulative probability {@code p} in [0, 1], linear between the stored points. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a cumulative probability must be in [0, 1], got " + p);
        }
        double at = p * STEPS;
        int k = (int) Math.min(STEPS - 1, Math.floor(at));
        double f = at - k;
        return quantiles[k] + f * (quantiles[k + 1] - quantiles[k]);
    }

    /**
     * Reads a distribution: {@code n} and {@code quantiles}, {@value #STEPS} + 1 finite, non-decreasing numbers.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a bad value
     */
    public static ResidualDistribution read(Parameters p) {
        int n = p.integer("n", 0, 2, Integer.MAX_VALUE);
        if (!p.has("quantiles") || !(p.asMap().get("quantiles") instanceof List<?> list)) {
            throw p.error("quantiles", "missing: a list of " + (STEPS + 1) + " log ratios ln(measured / predicted)");
        }
        if (list.size() != STEPS + 1) {
            throw p.error("quantiles", "expected " + (STEPS + 1) + " numbers (cumulative probabilities 0, 1/" + STEPS
                    + ", ..., 1), got " + list.size());
        }
        double[] q = new double[STEPS + 1];
        for (int k = 0; k <= STEPS; k++) {
            if (!(list.get(k) instanceof Number x) || !Double.isFinite(x.doubleValue())
                    || Math.abs(x.doubleValue()) > 50) {
                throw p.error("quantiles", "element " + k + ": expected a log ratio in [-50, 50], got " + list.get(k));
            }
            q[k] = x.doubleValue();
            if (k > 0 && q[k] < q[k - 1]) {
                throw p.error("quantiles", "element " + k + ": " + q[k] + " is below element " + (k - 1) + " ("
                        + q[k - 1] + "); a quantile function never decreases");
            }
        }
        p.requireNoUnknownKeys();
        return new ResidualDistribution(n, q);
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        List<Double> q = new ArrayList<>(quantiles.length);
        for (double v : quantiles) {
            q.add(v);
        }
        m.put("quantiles", q);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidualDistribution r && r.n == n && Arrays.equals(r.quantiles, quantiles);
    }

    @Override
    public int hashCode() {
        return 31 * n + Arrays.hashCode(quantiles);
    }
}
