package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Node;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.LayerFeatures;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * The {@code layerwise} form. Latency (ms per batch) and dynamic energy (mJ per batch) are each a
 * {@link LinearCostModel} over the layers a runtime executes (see {@link LayerFeatures}); total energy adds static
 * power x latency: {@code energy = staticPowerW x latencyMs + dynamic energy} (W x ms = mJ).
 *
 * @param board        board name
 * @param precision    precision at which bytes are counted
 * @param eager        true when the runtime runs every layer (no dead-code or constant analysis)
 * @param staticPowerW power drawn for the whole duration of an inference, W (0 when the energy model is total or
 *                     idle-subtracted energy)
 * @param energy       dynamic energy model, mJ per batch, or null when energy is static power x latency only
 * @param latency      latency model, ms per batch, or null when latency is not modelled
 */
public record LayerwiseModel(String board, Precision precision, boolean eager, double staticPowerW, LinearCostModel energy,
                             LinearCostModel latency) implements EnergyModel {

    public LayerwiseModel {
        if (energy == null && (latency == null || !(staticPowerW > 0))) {
            throw new IllegalArgumentException("board " + board + ": energy needs a dynamic energy model, or a latency"
                    + " model with a static power");
        }
    }

    @Override
    public boolean hasLatency() {
        return latency != null;
    }

    @Override
    public Estimate estimate(Architecture a, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        List<Node> nodes = a.nodes();
        double[] e = new double[nodes.size()];
        double[] t = new double[nodes.size()];
        LayerFeatures.visit(a, batch, precision, eager, (node, group, term, count, macs, bytes) -> {
            if (energy != null) {
                var c = energy.coefficients(group, term);
                e[node] += c.fixed() * count + c.perMac() * macs + c.perByte() * bytes;
            }
            if (latency != null) {
                var c = latency.coefficients(group, term);
                t[node] += c.fixed() * count + c.perMac() * macs + c.perByte() * bytes;
            }
        });
        List<LayerCost> costs = a.costs();
        List<LayerEstimate> layers = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            LayerCost c = costs.get(i);
            double latencyMs = latency == null ? Double.NaN : t[i];
            double energyMj = e[i] + (latency == null ? 0 : staticPowerW * t[i]);
            layers.add(new LayerEstimate(nodes.get(i).name(), nodes.get(i).layer().kind(), c.macs() * batch,
                    c.bytes(batch, precision), energyMj, latencyMs));
        }
        double fixedLatency = latency == null ? Double.NaN : latency.intercept();
        double fixedEnergy = (energy == null ? 0 : energy.intercept())
                + (latency == null ? 0 : staticPowerW * latency.intercept());
        return new Estimate(batch, layers, fixedEnergy, fixedLatency);
    }
}
