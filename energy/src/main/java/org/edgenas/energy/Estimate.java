package org.edgenas.energy;

import java.util.List;

/**
 * The modelled cost of one forward pass of an architecture over a batch.
 *
 * @param batch            images per forward pass
 * @param layers           per-layer costs over the batch, in node order
 * @param fixedEnergyMj    per-inference energy not attributed to a layer (launch, synchronisation), mJ per batch
 * @param fixedLatencyMs   per-inference latency not attributed to a layer, ms per batch (NaN without latency)
 */
public record Estimate(int batch, List<LayerEstimate> layers, double fixedEnergyMj, double fixedLatencyMs) {

    public Estimate {
        layers = List.copyOf(layers);
    }

    /** Energy per input image, mJ: (sum of layer energy + fixed energy) / batch. */
    public double energyMj() {
        return batchEnergyMj() / batch;
    }

    /** Energy of the whole batch, mJ. */
    public double batchEnergyMj() {
        double sum = fixedEnergyMj;
        for (LayerEstimate l : layers) {
            sum += l.energyMj();
        }
        return sum;
    }

    /** Latency of the whole batch, ms (NaN where the model has no latency). */
    public double latencyMs() {
        double sum = fixedLatencyMs;
        for (LayerEstimate l : layers) {
            sum += l.latencyMs();
        }
        return sum;
    }
}
