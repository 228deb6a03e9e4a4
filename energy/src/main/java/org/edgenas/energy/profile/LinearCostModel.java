package org.edgenas.energy.profile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cost (latency in ms, or energy in mJ, per forward pass of a batch) that is linear in per-layer quantities:
 * {@code intercept + sum over charged quantities (see LayerFeatures) of coefficients(group, term)}. Being linear in
 * its parameters, it can be fitted from whole-network measurements as well as from single-layer sweeps.
 *
 * @param intercept per-inference cost not attributed to any layer, non-negative
 * @param groups    coefficients by key {@code <group>[.const|.dead|.fanout|.fanout_const|.fanout_dead]} (see {@link CostTerm}); absent keys cost nothing
 */
public record LinearCostModel(double intercept, Map<String, Coefficients> groups) {

    public LinearCostModel {
        if (!(intercept >= 0) || Double.isInfinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite and non-negative, got " + intercept);
        }
        Map<String, Coefficients> copy = new TreeMap<>(groups);
        for (String key : copy.keySet()) {
            if (!known(key)) {
                throw new IllegalArgumentException("unknown cost key '" + key + "'; allowed: a group (conv, fc, pool,"
                        + " norm, act, add, zero, identity), optionally followed by .const, .dead, .fanout, .fanout_const or .fanout_dead");
            }
        }
        groups = Collections.unmodifiableMap(copy);
    }

    private static boolean known(String key) {
        for (CostGroup g : CostGroup.values()) {
            for (CostTerm t : CostTerm.values()) {
                if (t.key(g).equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The coefficients of a group and term ({@link Coefficients#ZERO} when absent). */
    public Coefficients coefficients(CostGroup group, CostTerm term) {
        return groups.getOrDefault(term.key(group), Coefficients.ZERO);
    }

    /** This model with every coefficient multiplied by {@code factor}. */
    public LinearCostModel scaled(double factor) {
        Map<String, Coefficients> m = new TreeMap<>();
        groups.forEach((g, c) -> m.put(g, c.scaled(factor)));
        return new LinearCostModel(intercept * factor, m);
    }
}
