package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Node;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.LayerFeatures;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * The {@code layerwise} form. Latency (ms per batch) and energy (mJ per batch) are each a {@link LinearCostModel} over
 * the layers a runtime executes (see {@link LayerFeatures}); where the profile says so, energy adds static power x
 * latency: {@code energy = staticPowerW x latencyMs + energy model} (W x ms = mJ).
 *
 * @param board        board name
 * @param precision    precision at which bytes are counted
 * @param execution    how the runtime treats the graph
 * @param staticPowerW power drawn for the whole duration of an inference and added to energy, W (0: none)
 * @param energy       energy model, mJ per batch, or null (energy is then static power x latency only, or not
 *                     modelled when the static power is 0)
 * @param latency      latency model, ms per batch, or null when latency is not modelled
 */
public record LayerwiseModel(String board, Precision precision, Execution execution, double staticPowerW,
                             LinearCostModel energy, LinearCostModel latency) implements EnergyModel {

    public LayerwiseModel {
        if (latency == null && energy == null) {
            throw new IllegalArgumentException("board " + board + ": a layerwise model needs a latency or an energy "
                    + "model");
        }
        if (!(staticPowerW >= 0) || staticPowerW > 0 && latency == null) {
            throw new IllegalArgumentException("board " + board + ": static power " + staticPowerW
                    + " W needs a latency model and must be >= 0");
        }
    }

    @Override
    public boolean hasLatency() {
        return latency != null;
    }

    @Override
    public boolean hasEnergy() {
        return energy != null || staticPowerW > 0;
    }

    @Override
    public Estimate estimate(Architecture a, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        List<Node> nodes = a.nodes();
        double[] e = new double[nodes.size()];
        double[] t = new double[nodes.size()];
        LayerFeatures.visit(a, batch, precision, execution, (node, key, count, macs, bytes) -> {
            if (energy != null) {
                e[node] += energy.coefficients(key).cost(count, macs, bytes);
            }
            if (latency != null) {
                t[node] += latency.coefficients(key).cost(count, macs, bytes);
            }
        });
        boolean hasEnergy = hasEnergy();
        List<LayerCost> costs = a.costs();
        List<LayerEstimate> layers = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            LayerCost c = costs.get(i);
            double latencyMs = latency == null ? Double.NaN : t[i];
            double energyMj = hasEnergy ? e[i] + staticPowerW * (latency == null ? 0 : t[i]) : Double.NaN;
            layers.add(new LayerEstimate(nodes.get(i).name(), nodes.get(i).layer().kind(), c.macs() * batch,
                    c.bytes(batch, precision), energyMj, latencyMs));
        }
        double fixedLatency = latency == null ? Double.NaN : latency.intercept();
        double fixedEnergy = !hasEnergy ? Double.NaN : (energy == null ? 0 : energy.intercept())
                + (latency == null ? 0 : staticPowerW * latency.intercept());
        return new Estimate(batch, layers, fixedEnergy, fixedLatency);
    }
}
