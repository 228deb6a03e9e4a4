package org.edgenas.energy.profile;

/**
 * Cost of one layer of a group, in the unit of the model that holds it (ms for latency, mJ for energy):
 * {@code fixed + perMac x MACs + perByte x bytes}, with MACs and bytes counted over the whole batch.
 * All three are non-negative (a layer never gives energy back).
 *
 * @param fixed   per-layer cost independent of size (kernel launch, scheduling)
 * @param perMac  cost per multiply-accumulate
 * @param perByte cost per byte moved (activations in and out, weights)
 */
public record Coefficients(double fixed, double perMac, double perByte) {

    public Coefficients {
        if (!(fixed >= 0 && perMac >= 0 && perByte >= 0)) {
            throw new IllegalArgumentException("coefficients must be finite and non-negative, got fixed=" + fixed
                    + " per_mac=" + perMac + " per_byte=" + perByte);
        }
    }

    /** Costs nothing. */
    public static final Coefficients ZERO = new Coefficients(0, 0, 0);

    /** These coefficients multiplied by {@code factor} (e.g. a power in W turning ms into mJ). */
    public Coefficients scaled(double factor) {
        return new Coefficients(fixed * factor, perMac * factor, perByte * factor);
    }

    /** Cost of one layer over a batch. */
    public double cost(long macs, long bytes) {
        return fixed + perMac * macs + perByte * bytes;
    }
}
