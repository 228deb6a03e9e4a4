package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

class AlgorithmsTest {

    private static Problem problem() {
        SearchSpace space = SearchSpaces.create("nb201", Parameters.empty());
        return new Problem(space, AccuracyProxies.create("params", Parameters.empty(), space),
                Boards.model(Boards.load("raspberry-pi-5")), 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
    }

    private static SearchSettings settings(Algorithm algorithm, int budget, int threads, long seed) {
        return new SearchSettings(algorithm, 20, budget, 10_000, threads, seed);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"nsga2", "random", "evolution"})
    void everyAlgorithmRunsExactlyMaxGenerationsTheInitialPopulationBeingTheFirst(String name) {
        for (int max : new int[] {1, 3}) {
            SearchResult r = Search.run(problem(), new SearchSettings(Algorithms.create(name, Parameters.empty(), 5),
                    5, 400, max, 1, 7), SearchListener.NONE);
            assertEquals(max, r.generations(), name + " with max_generations " + max);
            assertEquals(StopReason.MAX_GENERATIONS, r.stopReason(), name);
        }
    }

    @Test
    void exhaustiveFrontEqualsBruteForceNonDominance() {
        Problem p = problem();
        SearchResult all = Search.run(p, settings(Exhaustive.of(), 10, 2, 1), SearchListener.NONE);
        assertEquals(15_625, all.evaluated().size());
        Set<String> brute = new HashSet<>();
        for (Evaluation a : all.evaluated()) {
            boolean dominated = false;
            for (Evaluation b : all.evaluated()) {
                if (b.accuracy() >= a.accuracy() && b.energyMj() <= a.energyMj()
                        && (b.accuracy() > a.accuracy() || b.energyMj() < a.energyMj())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                brute.add(a.arch());
            }
        }
        Set<String> front = new HashSet<>();
        all.front().forEach(e -> front.add(e.arch()));
        assertEquals(brute, front);
    }

    @Test
    void regularisedEvolutionIsReproducibleAndRespectsTheBudget() {
        SearchResult a = Search.run(problem(), settings(RegularizedEvolution.of(0.1, 5), 150, 1, 9), SearchListener.NONE);
        SearchResult b = Search.run(problem(), settings(RegularizedEvolution.of(0.1, 5), 150, 2, 9), SearchListener.NONE);
        assertEquals(a.evaluated(), b.evaluated());
        assertEquals(150, a.evaluated().size());
        SearchResult c = Search.run(problem(), settings(RegularizedEvolution.of(0.1, 5), 150, 1, 10), SearchListener.NONE);
        assertFalse(a.evaluated().equals(c.evaluated()));
    }

    @Test
    void progressReportsGrowingEvaluationsAndHypervolume() {
        List<SearchListener.Progress> seen = new java.util.ArrayList<>();
        Search.run(problem(), settings(Nsga2.of(0.9, 0.1), 200, 1, 3), seen::add);
        assertTrue(seen.size() > 2);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).evaluations() >= seen.get(i - 1).evaluations());
            assertTrue(seen.get(i).hypervolume() >= seen.get(i - 1).hypervolume() - 1e-12,
                    "the front only improves, so its hypervolume never falls");
        }
        assertEquals(200, seen.getLast().evaluations());
    }
}
