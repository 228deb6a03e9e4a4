package org.edgenas.energy.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.edgenas.config.Parameters;

/**
 * A profile's held-out errors per quantity, from which prediction intervals are made: the {@code residuals} section
 * of a profile file, {@code {"rows": "5-fold-cv", "latency_ms": {"n": ..., "quantiles": [...]}, "energy_mj": {...}}}.
 *
 * @param rows          which rows the errors come from, e.g. {@code 5-fold-cv} (calibration rows, each predicted by a
 *                      fit on the other folds) or, for a derived profile, the leave-one-board-out study
 * @param distributions one distribution per quantity the profile models
 */
public record Residuals(String rows, Map<Quantity, ResidualDistribution> distributions) {

    public Residuals {
        if (rows == null || rows.isBlank() || distributions.isEmpty()) {
            throw new IllegalArgumentException("residuals need the rows they come from and one or more distributions");
        }
        distributions = Collections.unmodifiableMap(new EnumMap<>(distributions));
    }

    /** The distribution of {@code q}, or empty where the profile has none. */
    public Optional<ResidualDistribution> of(Quantity q) {
        return Optional.ofNullable(distributions.get(q));
    }

    /**
     * Reads the section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a bad value
     */
    public static Residuals read(Parameters p) {
        String rows = p.requiredString("rows", "which held-out rows the errors come from, e.g. 5-fold-cv");
        Map<Quantity, ResidualDistribution> m = new EnumMap<>(Quantity.class);
        for (Quantity q : Quantity.values()) {
            if (p.has(q.key())) {
                m.put(q, ResidualDistribution.read(p.section(q.key())));
            }
        }
        if (m.isEmpty()) {
            throw p.error("latency_ms", "missing: residuals need latency_ms, energy_mj or both");
        }
        p.requireNoUnknownKeys();
        return new Residuals(rows, m);
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        distributions.forEach((q, d) -> m.put(q.key(), d.toJson()));
        return m;
    }
}
