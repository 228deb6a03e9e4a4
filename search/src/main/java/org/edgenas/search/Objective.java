package org.edgenas.search;

import java.util.Arrays;
import java.util.List;

/** A quantity a search optimises, with its direction. Names are those used in configs and output columns. */
public enum Objective {
    /** The accuracy proxy's score; maximised. */
    ACCURACY("accuracy", true),
    /** Energy per image, mJ; minimised. */
    ENERGY_MJ("energy_mj", false),
    /** Latency of one batch, ms; minimised. */
    LATENCY_MS("latency_ms", false);

    private final String key;
    private final boolean maximize;

    Objective(String key, boolean maximize) {
        this.key = key;
        this.maximize = maximize;
    }

    /** Name in configs and CSV headers. */
    public String key() {
        return key;
    }

    /** Whether larger is better. */
    public boolean maximize() {
        return maximize;
    }

    /** The value of this objective in an evaluation. */
    public double of(Evaluation e) {
        return switch (this) {
            case ACCURACY -> e.accuracy();
            case ENERGY_MJ -> e.energyMj();
            case LATENCY_MS -> e.latencyMs();
        };
    }

    /** The value turned so that larger is always better. */
    public double maximized(Evaluation e) {
        return maximize ? of(e) : -of(e);
    }

    /** All config names. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Objective::key).toList();
    }

    /** The objective with config name {@code key}, or null. */
    public static Objective byKey(String key) {
        for (Objective o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        return null;
    }
}
