package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.Prior;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.space.Genotype;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/**
 * Few-shot calibration ({@code --max-rows}, {@code --prior}) on synthetic boards whose true costs are known: a board
 * that runs every layer kind 2.5 times slower than the prior's is learnt from 10 rows with the prior far better than
 * without it, and with many rows the prior no longer matters.
 */
class FewShotCalibrationTest {

    private static final Nb201Space NB201 = Nb201Space.cifar10();

    /** Costs of a board dominated by per-layer overheads (ms): conv, pool, norm, add, ReLU bytes, intercept. */
    private static LinearCostModel overheads(double factor) {
        return LinearCostModel.of(0.3 * factor, Map.of(
                CostKey.of(CostGroup.CONV, CostTerm.LIVE), new Coefficients(0.02 * factor, 2e-8 * factor, 0),
                CostKey.of(CostGroup.POOL, CostTerm.LIVE), new Coefficients(0.05 * factor, 0, 0),
                CostKey.of(CostGroup.NORM, CostTerm.LIVE), new Coefficients(0.01 * factor, 0, 0),
                CostKey.of(CostGroup.ADD, CostTerm.LIVE), new Coefficients(0.015 * factor, 0, 0),
                CostKey.of(CostGroup.ACT, CostTerm.LIVE), new Coefficients(0, 0, 4e-8 * factor)));
    }

    private static BoardProfile board(String name, LinearCostModel latency) {
        return TestBoards.layerwise(name, TestBoards.unbounded(null), Execution.OPTIMISED, latency, null, false);
    }

    /** {@code count} distinct NB201 networks drawn with {@code seed}, measured on {@code truth} with 3 % noise. */
    private static List<Measurement> measured(BoardProfile truth, int count, long seed, boolean validation) {
        EnergyModel m = Boards.model(truth);
        Random r = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<Measurement> rows = new ArrayList<>();
        while (rows.size() < count) {
            int[] g = new int[6];
            for (int i = 0; i < 6; i++) {
                g[i] = r.nextInt(5);
            }
            Architecture a = NB201.decode(Genotype.of(g));
            if (seen.add(a.id())) {
                double ms = m.estimate(a, 1).latencyMs() * (1 + 0.03 * r.nextGaussian());
                rows.add(new Measurement(a, 1, ms, Double.NaN, validation, a.id(), Measurement.Source.NETWORK));
            }
        }
        return rows;
    }

    private static FitError validation(BoardProfile p) {
        return p.errors().stream().filter(e -> e.rows().equals("validation")).findFirst().orElseThrow();
    }

    @Test
    void aPriorWithTheRightStructureLearnsANewBoardFromTenRows() {
        BoardProfile newBoard = board("new", overheads(2.5));
        List<Measurement> rows = new ArrayList<>(measured(newBoard, 10, 1, false));
        rows.addAll(measured(newBoard, 300, 2, true));
        Prior prior = Prior.of(board("old", overheads(1)));
        BoardProfile alone = Calibration.builder("alone", TestBoards.unbounded(null)).networks(rows).fit().profile();
        BoardProfile leaning = Calibration.builder("leaning", TestBoards.unbounded(null)).networks(rows).prior(prior)
                .fit().profile();
        double withPrior = validation(leaning).mapePct();
        double without = validation(alone).mapePct();
        assertTrue(withPrior < 5, "the prior's structure plus 10 rows predicts within about the 3 % noise, got "
                + withPrior + " %");
        assertTrue(withPrior < 0.7 * without, "the prior helps: " + withPrior + " % against " + without
                + " % from the rows alone");
        var lean = leaning.prior().targets().getFirst();
        assertEquals(Quantity.LATENCY_MS, lean.quantity());
        assertTrue(lean.strength() > 0, "cross-validation leans on a prior that is right");
        assertEquals(2.5, lean.scale(), 0.1, "the common scale is the new board's slow-down");
        assertEquals("old", leaning.prior().board());
    }

    @Test
    void withManyRowsTheFitConvergesToTheFitWithoutAPrior() {
        // the prior prices pooling only; the new board's costs are the overhead model
        BoardProfile newBoard = board("new", overheads(1));
        List<Measurement> rows = new ArrayList<>(measured(newBoard, 800, 3, false));
        rows.addAll(measured(newBoard, 200, 4, true));
        Prior wrong = Prior.of(board("pool-only", LinearCostModel.of(0, Map.of(CostKey.of(CostGroup.POOL,
                CostTerm.LIVE), new Coefficients(1, 0, 0)))));
        EnergyModel alone = Boards.model(Calibration.builder("alone", TestBoards.unbounded(null)).networks(rows)
                .crossValidate(false).fit().profile());
        EnergyModel leaning = Boards.model(Calibration.builder("leaning", TestBoards.unbounded(null)).networks(rows)
                .prior(wrong).crossValidate(false).fit().profile());
        for (Measurement m : rows.subList(800, 1000)) {
            double a = alone.estimate(m.architecture(), 1).latencyMs();
            double b = leaning.estimate(m.architecture(), 1).latencyMs();
            assertEquals(a, b, 0.01 * a, m.architecture().id());
        }
    }

    @Test
    void theDrawOfRowsIsSeededRecordedAndItsLeftOverRowsAreHeldOut() {
        BoardProfile truth = board("truth", overheads(1));
        List<Measurement> rows = measured(truth, 120, 5, false);
        BoardProfile a = Calibration.builder("a", TestBoards.unbounded(null)).networks(rows).sample(20, 7).fit()
                .profile();
        BoardProfile again = Calibration.builder("a", TestBoards.unbounded(null)).networks(rows).sample(20, 7).fit()
                .profile();
        BoardProfile other = Calibration.builder("a", TestBoards.unbounded(null)).networks(rows).sample(20, 8).fit()
                .profile();
        var sample = a.provenance().sample();
        assertEquals(20, sample.drawn().size());
        assertEquals(120, sample.available());
        assertEquals(7, sample.seed());
        assertEquals(sample.drawn(), again.provenance().sample().drawn());
        assertNotEquals(sample.drawn(), other.provenance().sample().drawn());
        assertEquals(20, a.domain().networks(), "the domain is that of the drawn rows");
        FitError undrawn = a.errors().stream().filter(e -> e.rows().equals("undrawn")).findFirst().orElseThrow();
        assertEquals(100, undrawn.n());
        FitError cv = a.errors().stream().filter(e -> e.rows().equals("5-fold-cv")).findFirst().orElseThrow();
        assertEquals(20, cv.n());
        List<String> ids = rows.stream().map(m -> m.architecture().id()).toList();
        for (String d : sample.drawn()) {
            assertTrue(ids.contains(d), d);
        }
    }

    @Test
    void aPriorMustBeALayerwiseProfile() {
        ConfigException e = assertThrows(ConfigException.class, () -> Prior.of(Boards.load("h200-paper")));
        assertTrue(e.getMessage().contains("layerwise"), e.getMessage());
    }
}
