package org.edgenas.energy.profile;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.config.Parameters;

/**
 * A cost (latency in ms, or energy in mJ, per forward pass of a batch) that is linear in per-layer quantities:
 * {@code intercept + sum over charged quantities (see LayerFeatures) of coefficients(key).cost(count, macs, bytes)}.
 * Being linear in its parameters, it can be fitted from whole-network measurements as well as from single-layer sweeps.
 * Immutable.
 *
 * <p>In profile files: {@code {"intercept": 0.2, "groups": {"conv": {...}, "add.fanout_const": {...}}}}, keys as in
 * {@link CostKey}. An absent key costs what the same term of its group's {@linkplain CostGroup#fallback() fallback}
 * costs (grouped convolutions fall back to dense ones), else nothing.
 */
public final class LinearCostModel {

    private static final List<CostKey> KEYS = CostKey.all();

    private final double intercept;
    /** Own coefficients, ZERO where absent. */
    private final Coefficients[] own;
    /** Coefficients charged: own, else the fallback group's. */
    private final Coefficients[] table;

    private LinearCostModel(double intercept, Coefficients[] own) {
        this.intercept = intercept;
        this.own = own;
        this.table = own.clone();
        for (CostKey k : KEYS) {
            CostKey at = k;
            while (own[at.index()].isZero() && at.group().fallback().isPresent()) {
                at = CostKey.of(at.group().fallback().get(), at.term());
            }
            table[k.index()] = own[at.index()];
        }
    }

    /**
     * A model with the given intercept and coefficients (absent keys cost nothing).
     *
     * @param intercept per-inference cost not attributed to any layer, finite and non-negative
     */
    public static LinearCostModel of(double intercept, Map<CostKey, Coefficients> coefficients) {
        if (!(intercept >= 0 && intercept <= Coefficients.MAX_FIXED)) {
            throw new IllegalArgumentException("intercept must be in [0, " + Coefficients.MAX_FIXED + "], got "
                    + intercept);
        }
        Coefficients[] t = new Coefficients[KEYS.size()];
        Arrays.fill(t, Coefficients.ZERO);
        coefficients.forEach((k, c) -> t[k.index()] = c);
        return new LinearCostModel(intercept, t);
    }

    /** Per-inference cost not attributed to any layer. */
    public double intercept() {
        return intercept;
    }

    /** The coefficients charged for a group and term: its own, else its fallback group's, else zero. */
    public Coefficients coefficients(CostGroup group, CostTerm term) {
        return table[group.ordinal() * CostTerm.values().length + term.ordinal()];
    }

    /** The coefficients charged for {@code key} (see {@link #coefficients(CostGroup, CostTerm)}). */
    public Coefficients coefficients(CostKey key) {
        return table[key.index()];
    }

    /** The keys with non-zero coefficients of their own and those coefficients, in key order. */
    public Map<CostKey, Coefficients> terms() {
        Map<CostKey, Coefficients> m = new TreeMap<>();
        for (CostKey k : KEYS) {
            if (!own[k.index()].isZero()) {
                m.put(k, own[k.index()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Reads a model from its profile section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of an unknown coefficient key or a value out
     *                                            of range
     */
    public static LinearCostModel read(Parameters p) {
        double intercept = p.number("intercept", 0, 0, Coefficients.MAX_FIXED);
        Parameters groups = p.section("groups");
        Map<CostKey, Coefficients> m = new TreeMap<>();
        for (String text : groups.keys()) {
            CostKey key = CostKey.parse(text).orElseThrow(() -> groups.error(text, "unknown cost key; allowed: a "
                    + "group (" + String.join(", ", Arrays.stream(CostGroup.values()).map(CostGroup::key).toList())
                    + "), optionally followed by .const, .dead, .fanout, .fanout_const or .fanout_dead"));
            m.put(key, Coefficients.read(groups.section(text)));
        }
        p.requireNoUnknownKeys();
        if (m.isEmpty() && intercept == 0) {
            throw p.error("groups", "no coefficients and no intercept: the model would price every network at nothing "
                    + "(give at least one group, e.g. \"conv\": {\"fixed\": 0.01, \"per_mac\": 1e-9, "
                    + "\"per_byte\": 0})");
        }
        return of(intercept, m);
    }

    /** The model as written in profile files (only non-zero coefficients). */
    public Map<String, Object> toJson() {
        Map<String, Object> groups = new LinkedHashMap<>();
        terms().forEach((k, c) -> groups.put(k.text(), c.toJson()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intercept", intercept);
        m.put("groups", groups);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearCostModel m && Double.compare(m.intercept, intercept) == 0
                && Arrays.equals(m.own, own);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(intercept) + Arrays.hashCode(own);
    }

    @Override
    public String toString() {
        return "LinearCostModel[intercept=" + intercept + ", " + terms() + "]";
    }
}
