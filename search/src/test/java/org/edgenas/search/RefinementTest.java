package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.chain.ChainCnnSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefinementTest {

    private static final List<Objective> OBJECTIVES = List.of(Objective.ACCURACY, Objective.ENERGY_MJ);
    private static final SearchSpace SPACE = ChainCnnSpace.defaults();

    @TempDir
    Path dir;

    private static Evaluation e(String arch, double accuracy, double energy) {
        return new Evaluation(arch, accuracy, energy, Double.NaN, 0, 0, 0, 0);
    }

    /** A front of five (energy 1..5, accuracy 10..50), two dominated points and one infeasible point. */
    private static List<Evaluation> evaluated() {
        List<Evaluation> list = new ArrayList<>(List.of(
                e("k3n8s1", 10, 1), e("k3n16s1", 20, 2), e("k3n32s1", 30, 3), e("k3n64s1", 40, 4),
                e("k3n128s1", 50, 5), e("k5n8s1", 15, 2.5), e("k5n16s1", 25, 3.5)));
        list.add(new Evaluation("k7n8s1", 99, 0.5, Double.NaN, 0, 0, 0.2, 0));
        return list;
    }

    @Test
    void selectionSpansTheFrontFromCheapestToMostAccurate() {
        // 3 places on a front of 5 sorted by energy: ranks 0, 2, 4
        assertEquals(List.of("k3n8s1", "k3n32s1", "k3n128s1"), archs(Refinement.select(evaluated(), OBJECTIVES, 3)));
        // one place: the middle of the front
        assertEquals(List.of("k3n32s1"), archs(Refinement.select(evaluated(), OBJECTIVES, 1)));
    }

    @Test
    void aSmallFrontIsFilledFromTheNextLayersAndInfeasiblePointsAreLeftOut() {
        // the whole front (5), then the second layer (k5n8s1, k5n16s1) sorted by energy; never the infeasible k7n8s1
        assertEquals(List.of("k3n8s1", "k3n16s1", "k3n32s1", "k3n64s1", "k3n128s1", "k5n8s1", "k5n16s1"),
                archs(Refinement.select(evaluated(), OBJECTIVES, 10)));
        // one place left for the second layer of two: its middle, index (2 - 1) / 2 = 0, the cheaper
        assertEquals(List.of("k3n8s1", "k3n16s1", "k3n32s1", "k3n64s1", "k3n128s1", "k5n8s1"),
                archs(Refinement.select(evaluated(), OBJECTIVES, 6)));
    }

    /** An evaluator that scores from a table, counting calls; it fails on {@code failOn} when set. */
    private static final class Table implements AccuracyProxy {
        final Map<String, Double> scores;
        final List<String> calls = new ArrayList<>();
        String failOn;

        Table(Map<String, Double> scores) {
            this.scores = scores;
        }

        @Override
        public String name() {
            return "table";
        }

        @Override
        public double score(Architecture a) {
            if (a.id().equals(failOn)) {
                throw new ConfigException("trainer crashed on " + a.id());
            }
            calls.add(a.id());
            return scores.get(a.id());
        }
    }

    private static SearchResult search() {
        List<Evaluation> all = evaluated();
        return new SearchResult(all, Pareto.front(all, OBJECTIVES), 1, 0);
    }

    @Test
    void refinedScoresGiveSpearmanAndAFrontOnRefinedAccuracy() {
        // proxy order on the 5 front members: 10 < 20 < 30 < 40 < 50; refined: 80, 90, 85, 88, 91
        // ranks 1 2 3 4 5 vs 1 4 2 3 5: d = 0, -2, 1, 1, 0; rho = 1 - 6 * 6 / (5 * 24) = 0.7
        Table t = new Table(Map.of("k3n8s1", 80.0, "k3n16s1", 90.0, "k3n32s1", 85.0, "k3n64s1", 88.0,
                "k3n128s1", 91.0));
        Refinement.Result r = Refinement.of(5, t).run(SPACE, search(), OBJECTIVES, RefineCheckpoint.none(),
                Refinement.Listener.NONE);
        assertEquals(0.7, r.spearman(), 1e-12);
        // on refined accuracy k3n32s1 (85 at 3 mJ) and k3n64s1 (88 at 4 mJ) are dominated by k3n16s1 (90 at 2 mJ)
        assertEquals(List.of("k3n8s1", "k3n16s1", "k3n128s1"),
                r.front().stream().map(x -> x.search().arch()).sorted((a, b) -> Double.compare(
                        t.scores.get(a), t.scores.get(b))).toList());
        assertEquals(80.0, r.refined().getFirst().accuracy());
        assertEquals(10.0, r.refined().getFirst().search().accuracy());
    }

    @Test
    void anInterruptedRefinementResumesWithoutReevaluating() {
        Map<String, Double> scores = Map.of("k3n8s1", 80.0, "k3n16s1", 90.0, "k3n32s1", 85.0, "k3n64s1", 88.0,
                "k3n128s1", 91.0);
        Path file = dir.resolve("refine-checkpoint.json");
        Table first = new Table(scores);
        first.failOn = "k3n64s1";
        assertThrows(ConfigException.class, () -> Refinement.of(5, first).run(SPACE, search(), OBJECTIVES,
                RefineCheckpoint.of(file, "fp", false), Refinement.Listener.NONE));
        assertEquals(List.of("k3n8s1", "k3n16s1", "k3n32s1"), first.calls);

        Table second = new Table(scores);
        Refinement.Result resumed = Refinement.of(5, second).run(SPACE, search(), OBJECTIVES,
                RefineCheckpoint.of(file, "fp", true), Refinement.Listener.NONE);
        assertEquals(List.of("k3n64s1", "k3n128s1"), second.calls, "only what was left");
        Refinement.Result whole = Refinement.of(5, new Table(scores)).run(SPACE, search(), OBJECTIVES,
                RefineCheckpoint.none(), Refinement.Listener.NONE);
        assertEquals(whole.refined(), resumed.refined());
        assertEquals(whole.spearman(), resumed.spearman());

        ConfigException e = assertThrows(ConfigException.class, () -> RefineCheckpoint.of(file, "other", true));
        assertTrue(e.getMessage().contains("was written for another search or other refine settings"),
                e.getMessage());
    }

    @Test
    void aCheckpointOfOtherSettingsThatScoredNothingIsStartedAfresh() {
        Path file = dir.resolve("refine-checkpoint.json");
        Table broken = new Table(Map.of("k3n32s1", 80.0));
        broken.failOn = "k3n32s1";
        assertThrows(ConfigException.class, () -> Refinement.of(1, broken).run(SPACE, search(), OBJECTIVES,
                RefineCheckpoint.of(file, "old settings", false), Refinement.Listener.NONE));
        RefineCheckpoint fresh = RefineCheckpoint.of(file, "fixed settings", true);
        assertTrue(fresh.accuracy().isEmpty());
        Table fixed = new Table(Map.of("k3n32s1", 80.0));
        Refinement.of(1, fixed).run(SPACE, search(), OBJECTIVES, fresh, Refinement.Listener.NONE);
        assertEquals(List.of("k3n32s1"), fixed.calls);
    }

    @Test
    void theWorstScoreSurvivesACheckpoint() {
        Path file = dir.resolve("refine-checkpoint.json");
        Table t = new Table(Map.of("k3n32s1", Double.NEGATIVE_INFINITY));
        Refinement.of(1, t).run(SPACE, search(), OBJECTIVES, RefineCheckpoint.of(file, "fp", false),
                Refinement.Listener.NONE);
        assertEquals(List.of(Double.NEGATIVE_INFINITY), RefineCheckpoint.of(file, "fp", true).accuracy());
    }

    private static List<String> archs(List<Evaluation> list) {
        return list.stream().map(Evaluation::arch).toList();
    }
}
