package org.edgenas.energy.fit;

import org.edgenas.arch.Architecture;

/**
 * One measurement of a network (or of a single layer, as a one-layer network).
 *
 * @param architecture the network measured
 * @param batch        images per forward pass
 * @param value        measured cost of one forward pass over the batch (ms for latency, mJ for energy); may be
 *                     slightly negative for a noisy idle-subtracted energy
 * @param scale        positive magnitude that residuals are relative to in the fit (the value itself, or e.g. the
 *                     total energy when fitting its dynamic part)
 * @param validation   true for a held-out row: never fitted, only used to report error
 */
public record Sample(Architecture architecture, int batch, double value, double scale, boolean validation) {

    public Sample {
        if (!Double.isFinite(value) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("need a finite value and a positive scale, got " + value + " and "
                    + scale);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
    }

    /** A measurement of a positive quantity, fitted for relative error. */
    public static Sample of(Architecture architecture, int batch, double value, boolean validation) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("measured value must be positive, got " + value);
        }
        return new Sample(architecture, batch, value, value, validation);
    }
}
