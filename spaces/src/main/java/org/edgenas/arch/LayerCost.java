package org.edgenas.arch;

/**
 * The static costs of one layer for one image, as counted by the rules in {@link Layer}.
 *
 * @param macs           multiply-accumulates per image
 * @param elementOps     non-MAC arithmetic per image (bias, normalisation, activation, pooling, sums)
 * @param params         trainable parameters, which are also the weight elements read per forward pass
 * @param inputElements  activation elements read per image (summed over all inputs)
 * @param outputElements activation elements written per image
 */
public record LayerCost(long macs, long elementOps, long params, long inputElements, long outputElements) {

    /** Weight elements read per forward pass (equal to {@link #params()}). */
    public long weightElements() {
        return params;
    }

    /**
     * Bytes moved by one forward pass over a batch: (inputs + outputs) x batch + weights (read once per batch),
     * at the given precision.
     */
    public long bytes(int batch, Precision precision) {
        return precision.bytes() * ((inputElements + outputElements) * batch + params);
    }
}
