package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    private static Problem problem(String spaceName) {
        SearchSpace space = SearchSpaces.create(spaceName, Parameters.empty());
        return new Problem(space, AccuracyProxies.create("params", Parameters.empty(), space),
                Boards.model(Boards.load("jetson-tx2")), 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
    }

    private static SearchSettings settings(Algorithm algorithm, int threads, long seed) {
        return new SearchSettings(algorithm, 24, 300, 200, threads, seed);
    }

    @Test
    void sameSeedGivesSameEvaluationsWhateverTheThreadCount() {
        for (String space : List.of("nb201", "chain-cnn")) {
            SearchResult one = Search.run(problem(space), settings(Nsga2.of(0.9, 0.15), 1, 7), SearchListener.NONE);
            SearchResult four = Search.run(problem(space), settings(Nsga2.of(0.9, 0.15), 4, 7), SearchListener.NONE);
            assertEquals(one.evaluated(), four.evaluated(), space);
            assertEquals(one.front(), four.front(), space);
            assertEquals(300, one.evaluated().size(), space);
        }
    }

    @Test
    void randomSearchIsReproducibleToo() {
        SearchResult a = Search.run(problem("nb201"), settings(RandomSearch.of(), 1, 3), SearchListener.NONE);
        SearchResult b = Search.run(problem("nb201"), settings(RandomSearch.of(), 3, 3), SearchListener.NONE);
        assertEquals(a.evaluated(), b.evaluated());
    }

    @Test
    void differentSeedsExploreDifferently() {
        SearchResult a = Search.run(problem("nb201"), settings(Nsga2.of(0.9, 0.15), 2, 1), SearchListener.NONE);
        SearchResult b = Search.run(problem("nb201"), settings(Nsga2.of(0.9, 0.15), 2, 2), SearchListener.NONE);
        assertNotEquals(a.evaluated(), b.evaluated());
    }

    @Test
    void budgetIsAHardCapOnUniqueArchitectures() {
        SearchResult r = Search.run(problem("nb201"), new SearchSettings(Nsga2.of(0.9, 0.2), 30, 45, 100, 2, 5),
                SearchListener.NONE);
        assertEquals(45, r.evaluated().size());
        assertEquals(45, r.evaluated().stream().map(Evaluation::arch).distinct().count());
    }

    @Test
    void finiteSpaceStopsWhenExhausted() {
        SearchSpace tiny = SearchSpaces.create("chain-cnn", Parameters.of(java.util.Map.of("max_conv_layers", 1,
                "kernel_sizes", List.of(1, 3), "kernels", List.of(8), "strides", List.of(1), "pooling", false,
                "max_fc_layers", 0)));
        Problem p = new Problem(tiny, AccuracyProxies.create("flops", Parameters.empty(), tiny),
                Boards.model(Boards.load("jetson-tx2")), 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
        SearchResult r = Search.run(p, new SearchSettings(Nsga2.of(0.9, 0.2), 10, 1000, 50, 1, 1),
                SearchListener.NONE);
        assertEquals(2, r.evaluated().size());
        assertTrue(r.generations() <= 2, "stops once the 2 architectures are known, ran " + r.generations());
    }

    @Test
    void infeasibleArchitecturesNeverEnterTheFront() {
        Problem base = problem("nb201");
        Problem constrained = new Problem(base.space(), base.proxy(), base.energy(), 1, base.objectives(),
                new Constraints(10.0, null));
        SearchResult r = Search.run(constrained, settings(Nsga2.of(0.9, 0.15), 2, 11), SearchListener.NONE);
        assertTrue(r.front().stream().allMatch(e -> e.energyMj() <= 10.0));
        assertTrue(r.evaluated().stream().anyMatch(e -> !e.feasible()), "some evaluated architectures exceed 10 mJ");
    }
}
