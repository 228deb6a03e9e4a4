package org.edgenas.energy.fit;

import org.edgenas.arch.Architecture;

/**
 * One measured forward pass: a whole network, or a single layer as a one-layer network. A value that a row does not
 * carry, or that the calibration skips for it (e.g. below a minimum), is NaN.
 *
 * @param architecture the network measured
 * @param batch        images per forward pass
 * @param latencyMs    latency of one forward pass of the batch, ms
 * @param energyMj     total energy of one forward pass of the batch, mJ
 * @param validation   true for a held-out row: never fitted, only used to report error
 * @param group        rows of one group (an architecture measured at several batch sizes) share a cross-validation
 *                     fold
 * @param source       which data the row comes from, for reporting error per source
 */
public record Measurement(Architecture architecture, int batch, double latencyMs, double energyMj,
                          boolean validation, String group, Source source) {

    /** Where a measurement comes from. */
    public enum Source {
        /** A single convolution of a layer sweep. */
        CONV("conv"),
        /** A single fully connected layer of a layer sweep. */
        FC("fc"),
        /** A whole network. */
        NETWORK("networks");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** How errors name rows of this source, e.g. {@code conv}. */
        public String label() {
            return label;
        }
    }

    public Measurement {
        java.util.Objects.requireNonNull(architecture, "architecture");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (Double.isInfinite(latencyMs) || latencyMs <= 0 || Double.isInfinite(energyMj) || energyMj <= 0) {
            throw new IllegalArgumentException("measured latency and energy must be positive and finite (or NaN), got "
                    + latencyMs + " ms, " + energyMj + " mJ");
        }
    }

    /** The measured value of {@code target} (NaN where this row does not carry it). */
    public double value(Target target) {
        return switch (target) {
            case LATENCY -> latencyMs;
            case ENERGY -> energyMj;
        };
    }

    /** What a fit predicts. */
    public enum Target {
        LATENCY("latency_ms"), ENERGY("energy_mj");

        private final String key;

        Target(String key) {
            this.key = key;
        }

        /** The name in profiles and messages, {@code latency_ms} or {@code energy_mj}. */
        public String key() {
            return key;
        }
    }
}
