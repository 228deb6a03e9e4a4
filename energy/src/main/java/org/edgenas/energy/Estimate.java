package org.edgenas.energy;

import java.util.Arrays;
import java.util.List;
import org.edgenas.energy.profile.Extrapolation;

/**
 * The modelled cost of one forward pass of an architecture over a batch.
 *
 * <p>Totals add the layers' costs in a canonical order (ascending value, then the fixed cost), so two networks whose
 * layers cost the same amounts in a different order get bit-identical totals.
 *
 * @param batch          images per forward pass
 * @param layers         per-layer costs over the batch, in node order
 * @param fixedEnergyMj  per-inference energy not attributed to a layer (launch, synchronisation), mJ per batch (NaN
 *                       where the model has no energy)
 * @param fixedLatencyMs per-inference latency not attributed to a layer, ms per batch (NaN without latency)
 * @param extrapolation  what of the network lies outside the data the board's model was calibrated on
 */
public record Estimate(int batch, List<LayerEstimate> layers, double fixedEnergyMj, double fixedLatencyMs,
                       Extrapolation extrapolation) {

    public Estimate {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        layers = List.copyOf(layers);
        java.util.Objects.requireNonNull(extrapolation, "extrapolation");
    }

    /**
     * An estimate not checked against a calibration domain (what a model form returns; {@link Boards#model} adds the
     * check).
     */
    public Estimate(int batch, List<LayerEstimate> layers, double fixedEnergyMj, double fixedLatencyMs) {
        this(batch, layers, fixedEnergyMj, fixedLatencyMs, Extrapolation.NOT_CHECKED);
    }

    /** Energy per input image, mJ: (sum of layer energy + fixed energy) / batch (NaN where not modelled). */
    public double energyMj() {
        return batchEnergyMj() / batch;
    }

    /** Energy of the whole batch, mJ (NaN where not modelled). */
    public double batchEnergyMj() {
        double[] v = new double[layers.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = layers.get(i).energyMj();
        }
        return canonicalSum(v) + fixedEnergyMj;
    }

    /** Latency of the whole batch, ms (NaN where not modelled). */
    public double latencyMs() {
        double[] v = new double[layers.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = layers.get(i).latencyMs();
        }
        return canonicalSum(v) + fixedLatencyMs;
    }

    /** The sum of {@code values} in ascending order, a function of their multiset alone (NaN if any is NaN). */
    static double canonicalSum(double[] values) {
        Arrays.sort(values);
        double sum = 0;
        for (double x : values) {
            sum += x;
        }
        return sum;
    }
}
