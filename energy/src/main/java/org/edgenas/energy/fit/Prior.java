package org.edgenas.energy.fit;

import org.edgenas.config.ConfigException;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Quantity;

/**
 * Another board's {@code layerwise} profile as the prior of a few-shot calibration ({@code ./nas calibrate --prior}):
 * its costs per layer group and term give the structure a fit on few rows starts from (see {@link PriorFit}). Units do
 * not matter (the fit rescales them), so a prior's model of latency can shape a new board's energy model and the other
 * way round.
 *
 * @param board  the prior board's name
 * @param source where its profile was read from
 * @param costs  its cost models
 * @param staticPowerW its static power, W, where its energy adds static power x latency (else 0)
 */
public record Prior(String board, String source, LayerwiseCoefficients costs, double staticPowerW) {

    /**
     * The prior a profile gives.
     *
     * @throws ConfigException if the profile is not calibrated or not of the {@code layerwise} form
     */
    public static Prior of(BoardProfile p) {
        if (!p.calibrated() || !"layerwise".equals(p.form())) {
            throw new ConfigException(p.source() + ": a prior must be a calibrated profile of the layerwise form; "
                    + "board " + p.name() + " is " + (p.calibrated() ? "of form " + p.form() : "not calibrated"));
        }
        LayerwiseCoefficients c = LayerwiseCoefficients.of(p);
        return new Prior(p.name(), p.source(), c, c.staticPowerW(p.hardware()));
    }

    /**
     * The prior's cost vector for {@code q} (layout as in {@link LinearCostFit#features}): its model of that quantity
     * where it has one, else of the other. For energy, the total ({@code dynamic} false: static power x latency
     * included) or the part above static power ({@code dynamic} true).
     */
    double[] anchor(Quantity q, boolean dynamic) {
        LinearCostModel latency = costs.latencyMs();
        LinearCostModel energy = costs.energyMj();
        if (q == Quantity.LATENCY_MS) {
            return LinearCostFit.vector(latency != null ? latency : energy);
        }
        if (energy == null) {
            return LinearCostFit.vector(latency);
        }
        double[] e = LinearCostFit.vector(energy);
        if (!dynamic && latency != null && staticPowerW > 0) {
            double[] t = LinearCostFit.vector(latency);
            for (int j = 0; j < e.length; j++) {
                e[j] += staticPowerW * t[j];
            }
        }
        return e;
    }
}
