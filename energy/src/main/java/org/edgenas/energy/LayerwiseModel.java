package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Node;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.LinearCostModel;

/**
 * The {@code layerwise} form: each layer costs {@code fixed + perMac x MACs + perByte x bytes} with coefficients of
 * its {@link CostGroup}, MACs and bytes counted over the batch; the network adds a per-inference intercept. Energy and
 * latency each have such a model (latency may be absent).
 *
 * @param board     board name
 * @param precision precision at which bytes are counted
 * @param energy    energy model, mJ per batch
 * @param latency   latency model, ms per batch, or null
 */
public record LayerwiseModel(String board, Precision precision, LinearCostModel energy, LinearCostModel latency)
        implements EnergyModel {

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
        List<LayerCost> costs = a.costs();
        List<LayerEstimate> layers = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            LayerCost c = costs.get(i);
            CostGroup group = CostGroup.of(node.layer());
            long macs = c.macs() * batch;
            long bytes = c.bytes(batch, precision);
            double e = energy.coefficients(group).cost(macs, bytes);
            double t = latency == null ? Double.NaN : latency.coefficients(group).cost(macs, bytes);
            layers.add(new LayerEstimate(node.name(), node.layer().kind(), macs, bytes, e, t));
        }
        return new Estimate(batch, layers, energy.intercept(), latency == null ? Double.NaN : latency.intercept());
    }
}
