package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;

/**
 * A user's own model form, registered only on the test class path ({@code META-INF/services}): latency = ms_per_mac x
 * MACs of each layer, energy = watts x latency, nothing else.
 */
public final class PerMacTestForm implements EnergyModelProvider {

    @Override
    public String name() {
        return "test-per-mac";
    }

    @Override
    public String description() {
        return "test form: latency = ms_per_mac x MACs, energy = watts x latency";
    }

    @Override
    public EnergyModel create(BoardProfile profile, Parameters c) {
        double msPerMac = c.number("ms_per_mac", 0, 0, 1);
        double watts = c.number("watts", 0, 0, profile.hardware().maxPowerW());
        return new Model(profile.name(), msPerMac, watts);
    }

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
