package org.edgenas.energy;

/**
 * The modelled cost of one layer over a whole batch.
 *
 * @param name      the layer's node name
 * @param kind      the layer kind ({@code conv2d}, {@code relu}, ...)
 * @param macs      multiply-accumulates over the batch
 * @param bytes     bytes moved over the batch
 * @param energyMj  energy over the batch, mJ
 * @param latencyMs latency over the batch, ms (NaN where the model has no latency)
 */
public record LayerEstimate(String name, String kind, long macs, long bytes, double energyMj, double latencyMs) {
}
