package org.edgenas.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.search.Constraints;

/**
 * The {@code constraints} section: {@code max_energy_mj} and {@code max_latency_ms} (the latter only on a board with
 * a latency model), each optional, in (0, 1e12].
 *
 * @param constraints the budgets (absent ones null)
 */
public record ConstraintsConfig(Constraints constraints) implements ConfigPart {

    /**
     * Reads {@code constraints} of {@code top}.
     *
     * @param energy the board, which must model latency for a latency budget
     * @throws org.edgenas.config.ConfigException naming the key of an out-of-range or unavailable budget
     */
    public static ConstraintsConfig read(Parameters top, EnergyConfig energy) {
        Parameters c = top.section("constraints");
        Double maxEnergy = c.has("max_energy_mj") ? c.number("max_energy_mj", 0, 1e-12, 1e12) : null;
        Double maxLatency = c.has("max_latency_ms") ? c.number("max_latency_ms", 0, 1e-12, 1e12) : null;
        if (maxLatency != null && !energy.model().hasLatency()) {
            throw c.error("max_latency_ms", "board " + energy.model().board() + " has no latency model");
        }
        if (maxEnergy != null && !energy.model().hasEnergy()) {
            throw c.error("max_energy_mj", ObjectivesConfig.latencyOnly(energy.model()));
        }
        c.requireNoUnknownKeys();
        return new ConstraintsConfig(new Constraints(maxEnergy, maxLatency));
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (constraints.maxEnergyMj() != null) {
            m.put("max_energy_mj", constraints.maxEnergyMj());
        }
        if (constraints.maxLatencyMs() != null) {
            m.put("max_latency_ms", constraints.maxLatencyMs());
        }
        resolved.put("constraints", m);
    }
}
