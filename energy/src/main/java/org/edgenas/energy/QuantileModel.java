package org.edgenas.energy;

import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.profile.Quantity;

/**
 * A board's model that gives quantiles of its predictive distribution instead of point estimates (see
 * {@link Uncertainty#quantileModel}): each layer's energy (and the fixed energy) is scaled so that the total is the
 * {@code energyQuantile} of energy, and likewise for latency; a quantity without a quantile keeps its point estimate.
 * The domain verdict is the point model's.
 */
final class QuantileModel implements EnergyModel {

    private final EnergyModel point;
    private final Uncertainty uncertainty;
    private final Double energyQuantile;
    private final Double latencyQuantile;

    QuantileModel(EnergyModel point, Uncertainty uncertainty, Double energyQuantile, Double latencyQuantile) {
        this.point = point;
        this.uncertainty = uncertainty;
        this.energyQuantile = energyQuantile;
        this.latencyQuantile = latencyQuantile;
    }

    @Override
    public String board() {
        return point.board();
    }

    @Override
    public boolean hasLatency() {
        return point.hasLatency();
    }

    @Override
    public boolean hasEnergy() {
        return point.hasEnergy();
    }

    @Override
    public Estimate estimate(Architecture a, int batch) {
        Estimate e = point.estimate(a, batch);
        double fe = factor(e, Quantity.ENERGY_MJ, energyQuantile);
        double fl = factor(e, Quantity.LATENCY_MS, latencyQuantile);
        List<LayerEstimate> layers = e.layers().stream().map(l -> new LayerEstimate(l.name(), l.kind(), l.macs(),
                l.bytes(), l.energyMj() * fe, l.latencyMs() * fl)).toList();
        return new Estimate(batch, layers, e.fixedEnergyMj() * fe, e.fixedLatencyMs() * fl, e.extrapolation());
    }

    /** The factor that turns the point estimate of {@code q} into its quantile {@code p} (1 without one). */
    private double factor(Estimate e, Quantity q, Double p) {
        if (p == null) {
            return 1;
        }
        double y = Uncertainty.value(e, q);
        double f = uncertainty.quantile(y, e.extrapolation(), q, p) / y;
        return Double.isFinite(f) ? f : 1;
    }

    @Override
    public String toString() {
        return "QuantileModel[" + point + ", energy q=" + energyQuantile + ", latency q=" + latencyQuantile + "]";
    }
}
