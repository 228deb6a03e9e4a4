package org.edgenas.energy.profile;

/**
 * A cost a board's model predicts and a calibration fits: energy or latency. Names are those of profile files, CSV
 * columns and configs.
 */
public enum Quantity {
    /** Latency of one forward pass of a batch, ms. */
    LATENCY_MS("latency_ms"),
    /** Energy, mJ: per image in an {@code Estimate.energyMj()}, per forward pass of the batch in a measurement. */
    ENERGY_MJ("energy_mj");

    private final String key;

    Quantity(String key) {
        this.key = key;
    }

    /** The name in profiles, columns and messages, {@code latency_ms} or {@code energy_mj}. */
    public String key() {
        return key;
    }

    /** The quantity called {@code key}, or null. */
    public static Quantity byKey(String key) {
        for (Quantity q : values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        return null;
    }
}
