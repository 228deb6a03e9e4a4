package org.edgenas.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    @Test
    void spearmanAndKendallMatchHandComputationWithATie() {
        // y ranks: 1, 2, 3.5, 5, 3.5. rho = 8 / sqrt(10 * 9.5).
        // pairs: 8 concordant, 1 discordant, 1 tied in y: tau-b = 7 / sqrt(10 * 9)
        RankCorrelation r = RankCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7});
        assertEquals(8 / Math.sqrt(95), r.spearman(), 1e-12);
        assertEquals(7 / Math.sqrt(90), r.kendall(), 1e-12);
    }

    @Test
    void negativeInfinityRanksLowest() {
        RankCorrelation r = RankCorrelation.of(new double[] {Double.NEGATIVE_INFINITY, 0, 3}, new double[] {1, 2, 3});
        assertEquals(1, r.spearman(), 1e-12);
        assertEquals(1, r.kendall(), 1e-12);
    }

    @Test
    void nanIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    @Test
    void meanRankAveragesEachArchitecturesRanks() {
        double[] mean = RankCorrelation.meanRank(List.of(new double[] {10, 30, 20}, new double[] {1, 2, 2}));
        // ranks: (1, 3, 2) and (1, 2.5, 2.5)
        assertArrayEquals(new double[] {1, 2.75, 2.25}, mean, 1e-12);
    }
}
