package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Node;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.PaperCoefficients;

/**
 * The {@code paper} form (Lahmer et al. 2022): energy only, from MAC counts; convolution slopes depend on the number of
 * kernels (see {@link PaperCoefficients}). Layers other than convolutions and fully connected ones cost nothing in the
 * form itself, and latency is not modelled.
 *
 * @param board        board name
 * @param precision    precision at which bytes are counted
 * @param coefficients the fitted slopes
 */
public record PaperModel(String board, Precision precision, PaperCoefficients coefficients) implements EnergyModel {

    @Override
    public boolean hasLatency() {
        return false;
    }

    @Override
    public Estimate estimate(Architecture a, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        List<LayerEstimate> layers = new ArrayList<>();
        List<LayerCost> costs = a.costs();
        for (int i = 0; i < a.nodes().size(); i++) {
            Node node = a.nodes().get(i);
            long macs = costs.get(i).macs() * batch;
            double e = switch (node.layer()) {
                case Conv2d c -> coefficients.conv(macs, c.outChannels());
                case Linear l -> coefficients.fc(macs);
                default -> 0;
            };
            layers.add(new LayerEstimate(node.name(), node.layer().kind(), macs,
                    costs.get(i).bytes(batch, precision), e, Double.NaN));
        }
        return new Estimate(batch, layers, 0, Double.NaN);
    }
}
