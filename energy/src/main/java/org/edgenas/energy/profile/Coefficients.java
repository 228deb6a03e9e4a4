package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * Cost of one charged quantity of a layer group, in the unit of the model that holds it (ms for latency, mJ for
 * energy): {@code fixed x count + perMac x MACs + perByte x bytes}, with MACs and bytes counted over the whole batch.
 * All three are finite and non-negative (a layer never gives energy back) and at most {@link #MAX_FIXED} and
 * {@link #MAX_PER_UNIT}, which no real board comes near, so that no estimate overflows.
 *
 * @param fixed   per-layer (or per-consumer) cost independent of size (kernel launch, scheduling)
 * @param perMac  cost per multiply-accumulate
 * @param perByte cost per byte moved (activations in and out, weights)
 */
public record Coefficients(double fixed, double perMac, double perByte) {

    /** Largest fixed cost a profile may hold: 1e6 ms (17 minutes) or 1e6 mJ per layer. */
    public static final double MAX_FIXED = 1e6;

    /** Largest cost per MAC or per byte a profile may hold: 1 ms or 1 mJ. */
    public static final double MAX_PER_UNIT = 1;

    /** Costs nothing. */
    public static final Coefficients ZERO = new Coefficients(0, 0, 0);

    public Coefficients {
        if (!(fixed >= 0 && fixed <= MAX_FIXED && perMac >= 0 && perMac <= MAX_PER_UNIT && perByte >= 0
                && perByte <= MAX_PER_UNIT)) {
            throw new IllegalArgumentException("coefficients must be finite, non-negative and at most " + MAX_FIXED
                    + " (fixed) and " + MAX_PER_UNIT + " (per MAC, per byte), got fixed=" + fixed + " per_mac="
                    + perMac + " per_byte=" + perByte);
        }
    }

    /** Cost of {@code count} layers (or consumers) moving {@code bytes} and computing {@code macs} in all. */
    public double cost(double count, double macs, double bytes) {
        return fixed * count + perMac * macs + perByte * bytes;
    }

    /** These coefficients multiplied by {@code factor} (e.g. a power in W turning ms into mJ). */
    public Coefficients scaled(double factor) {
        return new Coefficients(fixed * factor, perMac * factor, perByte * factor);
    }

    /** Whether every coefficient is zero. */
    public boolean isZero() {
        return fixed == 0 && perMac == 0 && perByte == 0;
    }

    /**
     * Reads {@code fixed}, {@code per_mac} and {@code per_byte} (each 0 when absent) from a profile section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a value that is not a number in range
     */
    public static Coefficients read(Parameters p) {
        Coefficients c = new Coefficients(p.number("fixed", 0, 0, MAX_FIXED), p.number("per_mac", 0, 0, MAX_PER_UNIT),
                p.number("per_byte", 0, 0, MAX_PER_UNIT));
        p.requireNoUnknownKeys();
        return c;
    }

    /** The coefficients as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fixed", fixed);
        m.put("per_mac", perMac);
        m.put("per_byte", perByte);
        return m;
    }
}
