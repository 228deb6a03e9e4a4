package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.fit.BoardDerivation;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.space.chain.ChainCnnSpace;
import org.junit.jupiter.api.Test;

/** Profiles derived from a calibrated board's and a new datasheet, without measurements of the new board. */
class BoardDerivationTest {

    /** 1e15 MAC/s, 1e14 B/s (floors far below the costs), no cache, 2 W static, 1 kW maximum. */
    private static final Hardware SOURCE = new Hardware(1e15, 1e14, 0, 2.0, 1e3, List.of("test"));

    @Test
    void costsScaleWithTheDatasheetsComputeMemoryAndPowerRatios() {
        // one conv layer: 0.01 ms + 1e-9 ms per MAC + 1e-8 ms per byte, a 0.1 ms intercept; energy = 2 W x latency
        LinearCostModel latency = LinearCostModel.of(0.1, Map.of(CostKey.of(CostGroup.CONV, CostTerm.LIVE),
                new Coefficients(0.01, 1e-9, 1e-8)));
        BoardProfile from = TestBoards.layerwise("old", SOURCE, Execution.EAGER, latency, null, true);
        // twice the peak, four times the bandwidth, 1.5 times the maximum power, no static power given
        Hardware datasheet = new Hardware(2e15, 4e14, 0, null, 1.5e3, List.of("new datasheet"));
        BoardProfile derived = BoardDerivation.derive(from, "new", "derived board", datasheet,
                BoardDerivation.errors(), List.of("old"), "test");
        Architecture net = ChainCnnSpace.defaults().parse("k3n64s1-k5n32s2");
        Estimate e = Boards.model(derived).estimate(net, 1);
        Estimate before = Boards.model(from).estimate(net, 1);
        // by hand: fixed, per-MAC and intercept halve, per-byte quarters; other layers cost only their (tiny) floors
        double ms = 0.1 * 0.5;
        for (int i = 0; i < net.nodes().size(); i++) {
            if (net.nodes().get(i).layer() instanceof org.edgenas.arch.Conv2d) {
                var c = net.costs().get(i);
                ms += 0.01 * 0.5 + 1e-9 * 0.5 * c.macs() + 1e-8 * 0.25 * c.bytes(1, org.edgenas.arch.Precision.FP32);
            }
        }
        assertEquals(ms, e.latencyMs(), 1e-4 * ms);
        assertEquals(3.0 * e.latencyMs(), e.energyMj(), 1e-9, "static power 2 W x 1.5 = 3 W");
        assertTrue(e.latencyMs() < before.latencyMs());
        assertTrue(derived.derived());
        assertEquals("old", derived.derivation().from());
        assertEquals(0.5, derived.derivation().computeScale(), 1e-12);
        assertEquals(0.25, derived.derivation().memoryScale(), 1e-12);
        assertEquals(1.5, derived.derivation().powerScale(), 1e-12);
        assertEquals(from.domain(), derived.domain(), "calibrated on the source's kind of networks");
        assertEquals(BoardDerivation.errors().of(Quantity.LATENCY_MS), derived.residuals().of(Quantity.LATENCY_MS),
                "intervals from the errors of derivations, not from the source's fit");
    }

    @Test
    void onlyACalibratedLayerwiseProfileCanBeDerivedFrom() {
        Hardware datasheet = new Hardware(2e15, 4e14, 0, null, 1.5e3, List.of("new datasheet"));
        ConfigException e = assertThrows(ConfigException.class, () -> BoardDerivation.derive(
                Boards.load("h200-paper"), "x", "", datasheet, BoardDerivation.errors(), List.of(), null));
        assertTrue(e.getMessage().contains("layerwise"), e.getMessage());
    }

    @Test
    void theShippedXavierNxAndOrinNanoAreDerivedUsableAndHonestlyUncertain() {
        Architecture a = ChainCnnSpace.defaults().parse("k3n64s1-k3n64s1");
        for (String board : List.of("jetson-xavier-nx", "jetson-orin-nano")) {
            BoardProfile p = Boards.load(board);
            assertTrue(p.calibrated() && p.derived(), board);
            assertEquals("jetson-tx2", p.derivation().from());
            assertTrue(p.hardware().sources().stream().anyMatch(s -> s.contains("Data Sheet")), board);
            Estimate e = Boards.model(p).estimate(a, 1);
            Interval latency = Uncertainty.of(p).orElseThrow().interval(e, Quantity.LATENCY_MS, 0.8);
            // a derivation misses by up to a factor of two on the measured boards: the interval is at least that wide
            assertTrue(latency.high() / latency.low() > 2, board + ": " + latency);
        }
    }
}
