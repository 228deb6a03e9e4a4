package org.edgenas.energy.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cost (latency in ms, or energy in mJ, per forward pass of a batch) that is linear in per-layer counts:
 * {@code intercept + sum over layers of coefficients(group of layer).cost(MACs, bytes)}. Being linear in its
 * parameters, it can be fitted from whole-network measurements as well as from single-layer sweeps.
 *
 * @param intercept per-inference cost not attributed to any layer, non-negative
 * @param groups    coefficients by {@link CostGroup#key()}; a group that is absent costs nothing
 */
public record LinearCostModel(double intercept, Map<String, Coefficients> groups) {

    public LinearCostModel {
        if (!(intercept >= 0)) {
            throw new IllegalArgumentException("intercept must be finite and non-negative, got " + intercept);
        }
        Map<String, Coefficients> copy = new TreeMap<>(groups);
        for (String key : copy.keySet()) {
            boolean known = false;
            for (CostGroup g : CostGroup.values()) {
                known |= g.key().equals(key);
            }
            if (!known) {
                throw new IllegalArgumentException("unknown cost group '" + key + "'; allowed: conv, fc, pool, norm,"
                        + " act, add, zero, identity");
            }
        }
        groups = java.util.Collections.unmodifiableMap(copy);
    }

    /** A model from coefficients by group. */
    public static LinearCostModel of(double intercept, EnumMap<CostGroup, Coefficients> byGroup) {
        Map<String, Coefficients> m = new TreeMap<>();
        byGroup.forEach((g, c) -> m.put(g.key(), c));
        return new LinearCostModel(intercept, m);
    }

    /** The coefficients of a group ({@link Coefficients#ZERO} when absent). */
    public Coefficients coefficients(CostGroup group) {
        return groups.getOrDefault(group.key(), Coefficients.ZERO);
    }

    /** This model with every coefficient multiplied by {@code factor}. */
    public LinearCostModel scaled(double factor) {
        Map<String, Coefficients> m = new TreeMap<>();
        groups.forEach((g, c) -> m.put(g, c.scaled(factor)));
        return new LinearCostModel(intercept * factor, m);
    }
}
