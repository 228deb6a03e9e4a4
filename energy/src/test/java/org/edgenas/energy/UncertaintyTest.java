package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.CalibrationDomain;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.energy.profile.Residuals;
import org.edgenas.space.Genotype;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/** Prediction intervals from a profile's held-out errors, inside and outside its calibration domain. */
class UncertaintyTest {

    /** Nine held-out log ratios; n + 1 = 10, so the 10 % and 90 % order statistics are the 1st and the 9th. */
    private static final double[] LOG_RATIOS = {0.6, -0.2, 0.1, 0.3, 0, 0.5, -0.1, 0.4, 0.2};

    private static final Nb201Space NB201 = Nb201Space.cifar10();

    private static Architecture network(int... genes) {
        return NB201.decode(Genotype.of(genes));
    }

    /** A board taking 1 ms per network, with static power 2 W and the residuals above, calibrated at batch 1. */
    private static BoardProfile profile() {
        var hardware = TestBoards.unbounded(2.0);
        Map<String, Object> c = new LayerwiseCoefficients(LinearCostModel.of(1, Map.of()), null, true).toJson();
        List<CalibrationDomain.Row> rows = new ArrayList<>();
        for (int op = 0; op < 5; op++) {
            rows.add(new CalibrationDomain.Row(network(op, op, op, op, op, op), 1, true));
        }
        ResidualDistribution d = ResidualDistribution.of(LOG_RATIOS);
        Residuals r = new Residuals("test rows", Map.of(Quantity.LATENCY_MS, d, Quantity.ENERGY_MJ, d));
        return new BoardProfile("test", "test board", true, "layerwise", Precision.FP32, Execution.OPTIMISED, hardware,
                c, CalibrationDomain.of(rows, Execution.OPTIMISED), null, List.of(), null, null, null, r, "test");
    }

    @Test
    void quantilesAreTheSplitConformalOrderStatistics() {
        ResidualDistribution d = ResidualDistribution.of(LOG_RATIOS);
        // sorted: -0.2 -0.1 0 0.1 0.2 0.3 0.4 0.5 0.6; p = 0.1: rank floor(1.0) = 1; p = 0.9: rank ceil(9.0) = 9;
        // p = 0.5: rank ceil(5.0) = 5; p = 0.25: rank floor(2.5) = 2; p = 0: rank 0, clipped to 1
        assertEquals(-0.2, d.quantile(0.1), 1e-12);
        assertEquals(0.6, d.quantile(0.9), 1e-12);
        assertEquals(0.2, d.quantile(0.5), 1e-12);
        assertEquals(-0.1, d.quantile(0.25), 1e-12);
        assertEquals(-0.2, d.quantile(0), 1e-12);
        assertEquals(9, d.n());
    }

    @Test
    void anEightyPercentIntervalInsideTheDomainIsThePredictionTimesTheResidualQuantiles() {
        BoardProfile p = profile();
        Estimate e = Boards.model(p).estimate(network(3, 3, 3, 3, 3, 3), 1);
        assertTrue(e.extrapolation().inside(), e.extrapolation().describe());
        // about 1 ms and 2 mJ (2 W x 1 ms); the datasheet floors add a few nanoseconds
        assertEquals(1, e.latencyMs(), 1e-4);
        assertEquals(2, e.energyMj(), 2e-4);
        Interval latency = Uncertainty.of(p).orElseThrow().interval(e, Quantity.LATENCY_MS, 0.8);
        assertEquals(e.latencyMs() * Math.exp(-0.2), latency.low(), 1e-12);
        assertEquals(e.latencyMs() * Math.exp(0.6), latency.high(), 1e-12);
        Interval energy = Uncertainty.of(p).orElseThrow().interval(e, Quantity.ENERGY_MJ, 0.8);
        assertEquals(e.energyMj() * Math.exp(-0.2), energy.low(), 1e-12);
        assertEquals(e.energyMj() * Math.exp(0.6), energy.high(), 1e-12);
    }

    @Test
    void outsideTheDomainTheIntervalWidensAroundItsMedianWithTheDistance() {
        BoardProfile p = profile();
        Estimate e = Boards.model(p).estimate(network(3, 3, 3, 3, 3, 3), 4);
        assertEquals("batch 4 > 1", e.extrapolation().describe());
        double widen = 1 + Math.log(4);
        Interval latency = Uncertainty.of(p).orElseThrow().interval(e, Quantity.LATENCY_MS, 0.8);
        assertEquals(e.latencyMs() * Math.exp(0.2 - 0.4 * widen), latency.low(), 1e-12);
        assertEquals(e.latencyMs() * Math.exp(0.2 + 0.4 * widen), latency.high(), 1e-12);
        assertEquals(e.latencyMs() * Math.exp(0.2), Uncertainty.of(p).orElseThrow().quantile(e, Quantity.LATENCY_MS,
                0.5), 1e-12, "the median does not move");
    }

    @Test
    void residualsRoundTripThroughAProfileFile() {
        BoardProfile p = profile();
        BoardProfile back = BoardProfiles.fromJson(BoardProfiles.toJson(p), "round trip");
        assertEquals(p.residuals(), back.residuals());
    }

    @Test
    void aQuantileFunctionThatFallsIsRejectedNamingTheKey() {
        String json = BoardProfiles.toJson(profile()).replaceFirst("\"quantiles\" : \\[ -0.2,",
                "\"quantiles\" : [ 5.0,");
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfiles.fromJson(json, "bad.json"));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("residuals.latency_ms.quantiles"),
                e.getMessage());
    }

    @Test
    void anIntervalCoversItsShareFromNineHeldOutErrorsAndLessFromFewer() {
        assertEquals(9, ResidualDistribution.fullCoverageRows(0.8));
        assertEquals(19, ResidualDistribution.fullCoverageRows(0.9));
        java.util.Random random = new java.util.Random(7);
        for (int n : new int[] {5, 9}) {
            int covered = 0;
            int trials = 4000;
            for (int t = 0; t < trials; t++) {
                double[] sample = new double[n];
                for (int i = 0; i < n; i++) {
                    sample[i] = random.nextGaussian();
                }
                ResidualDistribution d = ResidualDistribution.of(sample);
                double next = random.nextGaussian();
                if (next >= d.quantile(0.1) && next <= d.quantile(0.9)) {
                    covered++;
                }
            }
            double coverage = (double) covered / trials;
            ResidualDistribution any = ResidualDistribution.of(new double[n]);
            if (n == 9) {
                assertTrue(any.coversFully(0.8) && coverage > 0.78, n + " errors: coverage " + coverage);
            } else {
                assertTrue(!any.coversFully(0.8) && coverage < 0.72, n + " errors: coverage " + coverage);
            }
        }
    }
}
