package org.edgenas.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.Uncertainty;

/**
 * The top-level sections {@code energy} and {@code latency}, each {@code {quantile: Q}} with Q in (0, 1), and the key
 * {@code intervals} (a share in (0, 1); default 0.8 where a quantile is set, else none): whether a search scores a
 * candidate's energy (latency) by the board model's point estimate or by a quantile of its predictive distribution
 * ({@link Uncertainty}), and whether its output carries prediction intervals. With {@code energy: {quantile: 0.9}} the
 * {@code energy_mj} a search optimises, constrains ({@code max_energy_mj}) and writes is the energy the board stays
 * below with probability 0.9 by the profile's held-out errors, so the front holds architectures that stay cheap when
 * the model is wrong; {@code front.csv} and {@code evaluated.csv} then add {@code energy_mj_low, energy_mj_high,
 * latency_ms_low, latency_ms_high}, the central interval around the point estimate, and the front plot draws it as
 * error bars.
 *
 * <pre>
 * objectives: [accuracy, energy_mj]
 * energy: {quantile: 0.9}
 * intervals: 0.8
 * </pre>
 *
 * @param energyQuantile  the quantile of energy scored, or null for the point estimate
 * @param latencyQuantile the quantile of latency scored, or null
 * @param interval        the share of the intervals written, or null for none
 * @param uncertainty     the board's intervals, or null where none is asked for
 */
public record UncertaintyConfig(Double energyQuantile, Double latencyQuantile, Double interval,
                                Uncertainty uncertainty) implements ConfigPart {

    /**
     * Reads {@code energy}, {@code latency} and {@code intervals} of {@code top}.
     *
     * @param energy the board, whose profile must record held-out errors where a quantile or intervals are asked for
     * @throws org.edgenas.config.ConfigException naming the key of an out-of-range share, a quantile of a quantity the
     *                                            board does not model, or a board without held-out errors
     */
    public static UncertaintyConfig read(Parameters top, EnergyConfig energy) {
        Double e = quantile(top, "energy", energy.model().hasEnergy(), energy);
        Double l = quantile(top, "latency", energy.model().hasLatency(), energy);
        Double share = null;
        if (top.has("intervals")) {
            share = top.number("intervals", 0.8, 1e-6, 1 - 1e-6);
        } else if (e != null || l != null) {
            share = 0.8;
        }
        if (share == null) {
            return new UncertaintyConfig(null, null, null, null);
        }
        String key = e != null ? "energy" : l != null ? "latency" : "intervals";
        Uncertainty u = Uncertainty.of(energy.profile()).orElseThrow(() -> top.error(key, "board " + energy.board()
                + " records no held-out errors to make prediction intervals from (" + energy.profile().source()
                + "); calibrate it again with ./nas calibrate"));
        return new UncertaintyConfig(e, l, share, u);
    }

    private static Double quantile(Parameters top, String key, boolean modelled, EnergyConfig energy) {
        Parameters s = top.section(key);
        Double q = null;
        if (s.has("quantile")) {
            q = s.number("quantile", 0.5, 1e-6, 1 - 1e-6);
        }
        s.requireNoUnknownKeys();
        if (q != null && !modelled) {
            throw s.error("quantile", "board " + energy.board() + " has no " + key + " model");
        }
        return q;
    }

    /** Whether the output carries prediction intervals. */
    public boolean intervals() {
        return interval != null;
    }

    /** The model a search scores with: {@code point}, or its quantiles where asked for. */
    public EnergyModel model(EnergyModel point) {
        return energyQuantile == null && latencyQuantile == null ? point
                : uncertainty.quantileModel(point, energyQuantile, latencyQuantile);
    }

    /**
     * The central intervals of an architecture's energy (mJ per image) and latency (ms per batch) around the point
     * model's estimate: {@code {energy low, energy high, latency low, latency high}}, NaN where not modelled.
     *
     * @throws IllegalStateException if the config asks for no intervals
     */
    public double[] bounds(EnergyModel point, Architecture a, int batch) {
        if (!intervals()) {
            throw new IllegalStateException("this config asks for no prediction intervals");
        }
        return uncertainty.bounds(point.estimate(a, batch), interval);
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        if (energyQuantile != null) {
            resolved.put("energy", new LinkedHashMap<>(Map.of("quantile", energyQuantile)));
        }
        if (latencyQuantile != null) {
            resolved.put("latency", new LinkedHashMap<>(Map.of("quantile", latencyQuantile)));
        }
        if (interval != null) {
            resolved.put("intervals", interval);
        }
    }
}
