package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

/** Searches scored by a computed proxy (NASWOT), on a reduced NAS-Bench-201 so that each score takes milliseconds. */
class ComputedProxySearchTest {

    private static final SearchSpace SMALL = SearchSpaces.create("nb201",
            Parameters.of(Map.of("input_size", 8, "channels", 4, "cells_per_stage", 1)));

    private static Problem problem() {
        return new Problem(SMALL, AccuracyProxies.create("naswot", Parameters.of(Map.of("batch", 8)), SMALL),
                Boards.model(Boards.load("jetson-tx2")), 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
    }

    @Test
    void naswotSearchIsReproducibleWhateverTheThreadCount() {
        SearchSettings one = new SearchSettings(Nsga2.of(0.9, 0.15), 10, 40, 100, 1, 5);
        SearchSettings two = new SearchSettings(Nsga2.of(0.9, 0.15), 10, 40, 100, 2, 5);
        SearchResult a = Search.run(problem(), one, SearchListener.NONE);
        SearchResult b = Search.run(problem(), two, SearchListener.NONE);
        assertEquals(40, a.evaluated().size());
        assertEquals(a.evaluated(), b.evaluated());
        assertEquals(a.front(), b.front());
    }

    @Test
    void architectureWithAllActivationsZeroScoresNegativeInfinityIsRankedButLeftOffTheFront() {
        Problem p = problem();
        Evaluation none = p.evaluate(SMALL.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"), 0);
        Evaluation conv = p.evaluate(SMALL.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|"
                + "nor_conv_3x3~2|"), 0);
        assertEquals(Double.NEGATIVE_INFINITY, none.accuracy());
        assertTrue(Double.isFinite(conv.accuracy()));
        // the worthless network is cheaper, so neither dominates; a worthless network belongs on no front, and the
        // front says it left it out
        assertTrue(none.energyMj() < conv.energyMj());
        assertEquals(List.of(conv), Pareto.front(List.of(none, conv), p.objectives()));
        assertEquals(List.of(none), Pareto.leftOff(List.of(none, conv), p.objectives()));
        Fitness worthless = Fitness.of(none, p.objectives());
        assertTrue(Double.isFinite(worthless.finite(0)), "crowding distances stay finite");
    }
}
