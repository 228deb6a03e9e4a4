package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class EstimateTest {

    private static LayerEstimate layer(double mj) {
        return new LayerEstimate("l", "relu", 0, 0, mj, mj);
    }

    @Test
    void totalsDoNotDependOnTheOrderOfTheLayers() {
        // in node order, (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6
        assertNotEquals((0.1 + 0.2) + 0.3, (0.3 + 0.2) + 0.1);
        Estimate up = new Estimate(1, List.of(layer(0.1), layer(0.2), layer(0.3)), 0, 0);
        Estimate down = new Estimate(1, List.of(layer(0.3), layer(0.2), layer(0.1)), 0, 0);
        assertEquals(up.energyMj(), down.energyMj());
        assertEquals(up.latencyMs(), down.latencyMs());
    }

    @Test
    void nb201NetworksWithTheSameLayerCostsGetBitIdenticalEnergies() {
        // one avg pool on edge 0->1 or on edge 0->2, every other edge none: the same layers in another node order
        EnergyModel tx2 = Boards.model(Boards.load("jetson-tx2"));
        Nb201Space s = Nb201Space.cifar10();
        Estimate a = tx2.estimate(s.parse("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"), 1);
        Estimate b = tx2.estimate(s.parse("|none~0|+|avg_pool_3x3~0|none~1|+|none~0|none~1|none~2|"), 1);
        assertEquals(Arrays.toString(sorted(a)), Arrays.toString(sorted(b)), "same multiset of layer costs");
        assertEquals(a.energyMj(), b.energyMj());
        assertEquals(a.latencyMs(), b.latencyMs());
    }

    private static double[] sorted(Estimate e) {
        return e.layers().stream().mapToDouble(LayerEstimate::energyMj).sorted().toArray();
    }
}
