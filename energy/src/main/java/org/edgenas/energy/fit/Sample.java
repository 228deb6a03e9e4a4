package org.edgenas.energy.fit;

import org.edgenas.arch.Architecture;

/**
 * One network-level measurement.
 *
 * @param architecture the network measured
 * @param batch        images per forward pass
 * @param value        measured cost of one forward pass over the batch (ms for latency, mJ for energy), positive
 * @param validation   true for a held-out row: never fitted, only used to report error
 */
public record Sample(Architecture architecture, int batch, double value, boolean validation) {

    public Sample {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("measured value must be positive and finite, got " + value);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
    }
}
