package org.edgenas.energy;

import java.util.Optional;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Extrapolation;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.energy.profile.Residuals;

/**
 * Prediction intervals of a board's model, made from the held-out errors its profile records ({@link Residuals}): a
 * prediction {@code y} has the interval {@code y x exp(r)} over the log ratios {@code r = ln(measured / predicted)} of
 * the central share asked for. Outside the calibration domain the interval widens around its median with the
 * network's distance {@code d} from the domain ({@link Extrapolation#distance()}): every log ratio's distance from the
 * median is multiplied by {@code 1 + d}, so a network twice as large as any calibrated on (d = ln 2) gets an interval
 * 1.69 times as wide in log terms, and one of a kind never measured at least as much.
 *
 * {@snippet :
 * BoardProfile p = Boards.load("jetson-tx2");
 * Estimate e = Boards.model(p).estimate(architecture, 1);
 * Interval latency = Uncertainty.of(p).orElseThrow().interval(e, Quantity.LATENCY_MS, 0.8);
 * }
 */
public final class Uncertainty {

    private final Residuals residuals;

    private Uncertainty(Residuals residuals) {
        this.residuals = residuals;
    }

    /** The intervals of a profile, or empty where it records no held-out errors. */
    public static Optional<Uncertainty> of(BoardProfile p) {
        return Optional.ofNullable(p.residuals()).map(Uncertainty::new);
    }

    /** The held-out errors the intervals are made from. */
    public Residuals residuals() {
        return residuals;
    }

    /**
     * The central {@code share} interval of {@code q} for an estimate, widened outside the calibration domain;
     * {@link Interval#NONE} where the estimate does not model {@code q} or the profile records no errors of it.
     *
     * @param share the probability the interval is made for, in (0, 1), e.g. 0.8
     */
    public Interval interval(Estimate e, Quantity q, double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("an interval's share must be in (0, 1), got " + share);
        }
        return new Interval(quantile(e, q, (1 - share) / 2), quantile(e, q, (1 + share) / 2));
    }

    /**
     * The central {@code share} intervals of energy (mJ per image) and latency (ms per batch) of an estimate:
     * {@code {energy low, energy high, latency low, latency high}}, NaN where not modelled; the order of the interval
     * columns result files and {@code ./nas estimate --interval} write.
     */
    public double[] bounds(Estimate e, double share) {
        Interval energy = interval(e, Quantity.ENERGY_MJ, share);
        Interval latency = interval(e, Quantity.LATENCY_MS, share);
        return new double[] {energy.low(), energy.high(), latency.low(), latency.high()};
    }

    /**
     * The value of {@code q} below which the measurement lies with probability {@code p} (the median prediction at
     * 0.5, a pessimistic one at 0.9), widened outside the calibration domain; NaN where not modelled.
     *
     * @param p a cumulative probability in [0, 1]
     */
    public double quantile(Estimate e, Quantity q, double p) {
        return quantile(value(e, q), e.extrapolation(), q, p);
    }

    /** {@link #quantile(Estimate, Quantity, double)} of an estimate whose value {@code y} of {@code q} is known. */
    double quantile(double y, Extrapolation x, Quantity q, double p) {
        Optional<ResidualDistribution> d = residuals.of(q);
        if (Double.isNaN(y) || d.isEmpty()) {
            return Double.NaN;
        }
        double median = d.get().quantile(0.5);
        double r = median + widening(x) * (d.get().quantile(p) - median);
        return y * Math.exp(r);
    }

    /**
     * The model a search scores with when it optimises quantiles ({@code energy: {quantile: 0.9}} in a config): each
     * estimate of {@code point} scaled to the {@code energyQuantile} of energy and the {@code latencyQuantile} of
     * latency (null: that quantity's point estimate), widened outside the calibration domain as the intervals are.
     *
     * @param point the board's model ({@link Boards#model})
     */
    public EnergyModel quantileModel(EnergyModel point, Double energyQuantile, Double latencyQuantile) {
        for (Double q : new Double[] {energyQuantile, latencyQuantile}) {
            if (q != null && !(q > 0 && q < 1)) {
                throw new IllegalArgumentException("a quantile must be in (0, 1), got " + q);
            }
        }
        return new QuantileModel(point, this, energyQuantile, latencyQuantile);
    }

    /** The factor by which log ratios' distances from their median grow outside the domain: 1 + distance. */
    public static double widening(Extrapolation x) {
        return 1 + x.distance();
    }

    /** Quantity {@code q} of an estimate: latency per batch (ms) or energy per image (mJ); NaN where not modelled. */
    public static double value(Estimate e, Quantity q) {
        return switch (q) {
            case LATENCY_MS -> e.latencyMs();
            case ENERGY_MJ -> e.energyMj();
        };
    }
}
