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
 * @param groups    coefficients by key {@code <group>[.const|.dead|.fanout|.fanout_const|.fanout_dead]} (see {@link CostTerm});
 *                  an absent key costs what its group's {@linkplain CostGroup#fallback() fallback} costs, else nothing
 */
public record LinearCostModel(double intercept, Map<String, Coefficients> groups) {

    public LinearCostModel {
        if (!(intercept >= 0) || Double.isInfinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite and non-negative, got " + intercept);
        }
        Map<String, Coefficients> copy = new TreeMap<>(groups);
        for (String key : copy.keySet()) {
            if (!known(key)) {
                throw new IllegalArgumentException("unknown cost key '" + key + "'; allowed: a group ("
                        + java.util.Arrays.stream(CostGroup.values()).map(CostGroup::key)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "), optionally followed by .const, .dead, .fanout, .fanout_const or .fanout_dead");
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

    /**
     * The coefficients of a group and term: its own, else those of its {@linkplain CostGroup#fallback() fallback
     * group}, else {@link Coefficients#ZERO}.
     */
    public Coefficients coefficients(CostGroup group, CostTerm term) {
        Coefficients own = groups.get(term.key(group));
        if (own != null) {
            return own;
        }
        return group.fallback().map(g -> coefficients(g, term)).orElse(Coefficients.ZERO);
    }

    /** This model with every coefficient multiplied by {@code factor}. */
    public LinearCostModel scaled(double factor) {
        Map<String, Coefficients> m = new TreeMap<>();
        groups.forEach((g, c) -> m.put(g, c.scaled(factor)));
        return new LinearCostModel(intercept * factor, m);
    }
}
