package org.edgenas.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorsTest {

    private static final double[] REF = {1, 1};

    @Test
    void singlePointAreaIsItsBoxToTheReference() {
        // (0.2, 0.5): (1 - 0.2) * (1 - 0.5) = 0.4
        assertEquals(0.4, Indicators.hypervolume(List.of(new double[] {0.2, 0.5}), REF), 1e-12);
    }

    @Test
    void staircaseOfTwoPoints() {
        // (0.2, 0.6) and (0.5, 0.3): boxes 0.8 x 0.4 = 0.32 plus the strip (1 - 0.5) x (0.6 - 0.3) = 0.15 -> 0.47
        assertEquals(0.47, Indicators.hypervolume(List.of(new double[] {0.5, 0.3}, new double[] {0.2, 0.6}), REF),
                1e-12);
    }

    @Test
    void duplicatesAndDominatedPointsAddNothing() {
        List<double[]> base = List.of(new double[] {0.2, 0.6}, new double[] {0.5, 0.3});
        List<double[]> more = List.of(new double[] {0.2, 0.6}, new double[] {0.5, 0.3}, new double[] {0.5, 0.3},
                new double[] {0.6, 0.7}, new double[] {0.2, 0.9});
        assertEquals(Indicators.hypervolume(base, REF), Indicators.hypervolume(more, REF), 1e-12);
    }

    @Test
    void pointsBeyondTheReferenceCountNothing() {
        assertEquals(0, Indicators.hypervolume(List.of(new double[] {1.2, 0.1}, new double[] {0.1, 1.0}), REF));
    }

    @Test
    void igdAndEpsilonAreZeroOnTheReferenceItself() {
        List<double[]> front = List.of(new double[] {0, 1}, new double[] {1, 0});
        assertEquals(0, Indicators.igd(front, front), 1e-12);
        assertEquals(0, Indicators.additiveEpsilon(front, front), 1e-12);
    }

    @Test
    void igdAndEpsilonByHand() {
        List<double[]> truth = List.of(new double[] {0, 1}, new double[] {1, 0});
        List<double[]> found = List.of(new double[] {0.3, 1.4});
        // distances: to (0,1) sqrt(0.09 + 0.16) = 0.5; to (1,0) sqrt(0.49 + 1.96) = sqrt(2.45)
        assertEquals((0.5 + Math.sqrt(2.45)) / 2, Indicators.igd(found, truth), 1e-12);
        // epsilon: (0,1) needs max(0.3, 0.4) = 0.4; (1,0) needs max(-0.7, 1.4) = 1.4
        assertEquals(1.4, Indicators.additiveEpsilon(found, truth), 1e-12);
    }

    @Test
    void normalisationMapsTheFrontToTheUnitBox() {
        Normalization n = Normalization.of(List.of(new double[] {-94, 2}, new double[] {-10, 30}));
        double[] a = n.apply(new double[] {-94, 30});
        assertEquals(0, a[0], 1e-12);
        assertEquals(1, a[1], 1e-12);
    }
}
