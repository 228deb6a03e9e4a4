package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One scale for a run's hypervolume: relative to the reference front (1 when it is found, never above for a true
 * front) or to the first generation's front (1 there, growing after); the progress line reports the same number.
 */
class QualityScaleTest {

    private static final List<Objective> OBJECTIVES = List.of(Objective.ACCURACY, Objective.ENERGY_MJ);

    private static Evaluation e(String arch, double accuracy, double energy, int generation) {
        return new Evaluation(arch, accuracy, energy, 1, 1, 1, 0, generation);
    }

    @Test
    void againstTheFirstGenerationTheRatioIsOneThenGrows() {
        // generation 0: points (acc, mJ) (1, 1) and (3, 3): range acc [1, 3], energy [1, 3]; in minimised, normalised
        // form (-acc, mJ) they are (1, 0) and (0, 1), hypervolume to (1.1, 1.1): 0.1 x 1.1 + 1 x 0.1 = 0.21
        Evaluation a = e("a", 1, 1, 0);
        Evaluation b = e("b", 3, 3, 0);
        // generation 1 adds (3, 2), normalised (0, 0.5), which dominates b: the front (0, 0.5), (1, 0) has
        // 1.1 x 0.6 + 0.1 x 0.5 = 0.71
        Evaluation c = e("c", 3, 2, 1);
        QualityScale s = QualityScale.of(List.of(a, b, c), OBJECTIVES, List.of()).orElseThrow();
        assertEquals(QualityScale.Basis.FIRST_GENERATION, s.basis());
        assertEquals(2, s.basePoints());
        assertEquals(1.0, s.hypervolumeRatio(List.of(a, b)), 1e-12);
        assertEquals(0.71 / 0.21, s.hypervolumeRatio(List.of(a, b, c)), 1e-12);
    }

    @Test
    void aFirstGenerationWithoutARangeIsExtendedByTheNextUntilThereIsOneAndOnlyThenIsThereARatio() {
        // one eligible point in generation 0 (the others infeasible), a tie in accuracy in generation 1: no range in
        // accuracy yet; generation 2 brings one
        Evaluation only = e("a", 1, 1, 0);
        Evaluation infeasible = new Evaluation("i", 100, 0.1, 1, 1, 1, 0.3, 0);
        Evaluation tie = e("t", 1, 2, 1);
        Evaluation ranged = e("r", 3, 3, 2);
        assertTrue(QualityScale.of(List.of(only, infeasible), OBJECTIVES, List.of()).isEmpty(), "no range: no ratio");
        assertTrue(QualityScale.of(List.of(only, infeasible, tie), OBJECTIVES, List.of()).isEmpty());
        QualityScale s = QualityScale.of(List.of(only, infeasible, tie, ranged), OBJECTIVES, List.of()).orElseThrow();
        assertEquals(3, s.basePoints(), "generations 0 to 2 are the basis");
        assertEquals(1.0, s.hypervolumeRatio(List.of(only, infeasible, tie, ranged)), 1e-12);
        // later points are measured on that range: (4, 0.5) normalises to (-0.5, -0.25) and dominates the basis front
        // (1, 0), (0, 1) of hypervolume 0.21: 1.6 x 1.35 = 2.16 (the old scale, by one point, gave ratios of 1e8)
        assertEquals(2.16 / 0.21, s.hypervolumeRatio(List.of(only, tie, ranged, e("x", 4, 0.5, 3))), 1e-12);
    }

    @Test
    void worthlessAndInfeasibleArchitecturesNeitherSetTheScaleNorCount() {
        Evaluation worthless = e("w", Double.NEGATIVE_INFINITY, 0.5, 0);
        Evaluation infeasible = new Evaluation("i", 100, 0.1, 1, 1, 1, 0.3, 0);
        Evaluation a = e("a", 1, 1, 0);
        Evaluation b = e("b", 3, 3, 0);
        QualityScale s = QualityScale.of(List.of(worthless, infeasible, a, b), OBJECTIVES, List.of()).orElseThrow();
        assertEquals(2, s.basePoints());
        assertEquals(1.0, s.hypervolumeRatio(List.of(worthless, infeasible, a, b)), 1e-12);
    }

    @Test
    void againstATrueFrontTheRatioNeverExceedsOne() {
        // a grid of points, all evaluated: its front is the true front, any subset's front has at most its hypervolume
        List<Evaluation> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                all.add(e(i + "-" + j, i + 0.3 * j * j, 1 + j + 0.1 * i * i, i));
            }
        }
        List<Evaluation> trueFront = Pareto.front(all, OBJECTIVES);
        QualityScale s = QualityScale.of(all, OBJECTIVES, trueFront).orElseThrow();
        assertEquals(QualityScale.Basis.REFERENCE_FRONT, s.basis());
        assertEquals(1.0, s.hypervolumeRatio(all), 1e-12);
        assertEquals(0.0, s.igd(all), 1e-12);
        double previous = 0;
        for (int k = 1; k <= all.size(); k++) {
            double r = s.hypervolumeRatio(all.subList(0, k));
            assertTrue(r <= 1 + 1e-12 && r >= previous - 1e-12, "k = " + k + ": " + r);
            previous = r;
        }
    }

    @Test
    void theProgressLineReportsTheScalesRatio() {
        List<Double> reported = new ArrayList<>();
        try (Problem p = CheckpointTest.problem()) {
            SearchResult r = Search.run(p, new SearchSettings(Nsga2.of(0.9, 0.15), 12, 100, 100, 2, 4),
                    progress -> reported.add(progress.hypervolume()));
            QualityScale s = QualityScale.of(r.evaluated(), p.objectives(), List.of()).orElseThrow();
            assertEquals(1.0, reported.getFirst(), 1e-12, "the first generation is the basis");
            assertEquals(s.hypervolumeRatio(r.evaluated()), reported.getLast(), 0.0, "same number as run.json's");
        }
    }
}
