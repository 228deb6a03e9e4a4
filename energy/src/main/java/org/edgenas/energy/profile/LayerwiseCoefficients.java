package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * Coefficients of the {@code layerwise} form: a latency model and an energy model, each a {@link LinearCostModel} over
 * the layers a runtime executes. Energy is {@code static power x latency + energyMj} when {@link #addsStaticPower}
 * (the board's {@link Hardware#staticPowerW()} burns for the whole inference), else {@code energyMj} alone. A profile
 * with a latency model and no energy model models latency only.
 *
 * <p>In profile files: {@code {"adds_static_power": true, "latency_ms": {...}, "energy_mj": {...}}}.
 *
 * @param latencyMs       latency per forward pass of a batch, ms, or null where latency is not modelled
 * @param energyMj        energy per forward pass of a batch, mJ (the part above static power when
 *                        {@code addsStaticPower}), or null
 * @param addsStaticPower whether energy includes static power x latency
 */
public record LayerwiseCoefficients(LinearCostModel latencyMs, LinearCostModel energyMj, boolean addsStaticPower) {

    public LayerwiseCoefficients {
        if (latencyMs == null && energyMj == null) {
            throw new IllegalArgumentException("a layerwise model needs a latency or an energy model");
        }
        if (addsStaticPower && latencyMs == null) {
            throw new IllegalArgumentException("static power x latency needs a latency model");
        }
    }

    /**
     * The coefficients of a {@code layerwise} profile, read from its {@code coefficients} section.
     *
     * @throws org.edgenas.config.ConfigException naming the profile's file and key of a bad value
     */
    public static LayerwiseCoefficients of(BoardProfile p) {
        return read(Parameters.of(p.coefficients(), p.source(), "coefficients", k -> -1), p.hardware());
    }

    /** The power burning for the whole inference on a board of {@code hardware}: its static power, or 0 (W). */
    public double staticPowerW(Hardware hardware) {
        return addsStaticPower ? hardware.staticPowerW() : 0;
    }

    /** Whether energy is modelled. */
    public boolean hasEnergy() {
        return energyMj != null || addsStaticPower;
    }

    /**
     * Reads the section, checking it against the board's {@code hardware}.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a bad or inconsistent value
     */
    public static LayerwiseCoefficients read(Parameters p, Hardware hardware) {
        boolean adds = p.bool("adds_static_power", false);
        LinearCostModel latency = p.has("latency_ms") ? LinearCostModel.read(p.section("latency_ms")) : null;
        LinearCostModel energy = p.has("energy_mj") ? LinearCostModel.read(p.section("energy_mj")) : null;
        if (latency == null && energy == null) {
            throw p.error("latency_ms", "missing: a layerwise profile needs latency_ms, energy_mj or both");
        }
        if (adds && latency == null) {
            throw p.error("adds_static_power", "static power x latency needs a latency_ms model");
        }
        if (adds && (hardware == null || hardware.staticPowerW() == null)) {
            throw p.error("adds_static_power", "needs hardware.static_power_w");
        }
        p.requireNoUnknownKeys();
        return new LayerwiseCoefficients(latency, energy, adds);
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adds_static_power", addsStaticPower);
        if (latencyMs != null) {
            m.put("latency_ms", latencyMs.toJson());
        }
        if (energyMj != null) {
            m.put("energy_mj", energyMj.toJson());
        }
        return m;
    }
}
