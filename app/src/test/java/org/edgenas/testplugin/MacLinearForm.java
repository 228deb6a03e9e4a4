package org.edgenas.testplugin;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.config.Parameters;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.EnergyModelProvider;
import org.edgenas.energy.Estimate;
import org.edgenas.energy.LayerEstimate;
import org.edgenas.energy.profile.BoardProfile;

/**
 * A user's energy model form, as a plug-in written against the public API only and registered in this test jar's
 * {@code META-INF/services/org.edgenas.energy.EnergyModelProvider}: {@code test-mac-linear}, each layer taking
 * {@code ms_per_mac} x its MACs x batch milliseconds at {@code watts}. A board profile names it in {@code "form"}; used
 * to show that a plug-in form runs from a config file ({@code board: profile.json}), locally and on cluster workers.
 */
public final class MacLinearForm implements EnergyModelProvider {

    @Override
    public String name() {
        return "test-mac-linear";
    }

    @Override
    public String description() {
        return "test only: latency = ms_per_mac x MACs, energy = watts x latency";
    }

    @Override
    public EnergyModel create(BoardProfile profile, Parameters coefficients) {
        double msPerMac = coefficients.number("ms_per_mac", 0, 0, 1);
        double watts = coefficients.number("watts", 0, 0, profile.hardware().maxPowerW());
        return new Model(profile.name(), msPerMac, watts);
    }

    /** The model: per layer, latency and energy linear in its MACs. */
    private record Model(String board, double msPerMac, double watts) implements EnergyModel {
        @Override
        public boolean hasLatency() {
            return true;
        }

        @Override
        public Estimate estimate(Architecture a, int batch) {
            List<LayerEstimate> layers = new ArrayList<>();
            for (int i = 0; i < a.nodes().size(); i++) {
                LayerCost cost = a.costs().get(i);
                double ms = msPerMac * cost.macs() * batch;
                layers.add(new LayerEstimate(a.nodes().get(i).name(), a.nodes().get(i).layer().kind(),
                        cost.macs() * batch, 0, watts * ms, ms));
            }
            return new Estimate(batch, layers, 0, 0);
        }
    }
}
