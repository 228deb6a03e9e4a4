package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.CalibrationDomain;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.Extrapolation;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.Provenance;
import org.edgenas.space.chain.ChainCnnSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class CalibrationDomainTest {

    private static final ChainCnnSpace CHAIN = ChainCnnSpace.defaults();

    /** Two chain networks: 3x3 convolutions of 16 and 32 kernels on 32x32 inputs, at batch 1 and 4. */
    private static CalibrationDomain domain() {
        return CalibrationDomain.of(List.of(new CalibrationDomain.Row(CHAIN.parse("k3n16s1"), 1, true),
                new CalibrationDomain.Row(CHAIN.parse("k3n32s1-fc64"), 4, true)), Execution.EAGER);
    }

    @Test
    void aNetworkLikeTheCalibrationDataLiesInside() {
        assertTrue(domain().check(CHAIN.parse("k3n16s1-fc64"), 2, Execution.EAGER).inside());
    }

    @Test
    void whatLiesOutsideIsNamedWithItsValueAndBound() {
        Extrapolation x = domain().check(CHAIN.parse("k5n64s1"), 8, Execution.EAGER);
        List<String> said = x.excursions().stream().map(Extrapolation.Excursion::toString).toList();
        assertTrue(said.contains("batch 8 > 4"), said.toString());
        assertTrue(said.contains("conv kernel size 5 not in {3}"), said.toString());
        assertTrue(said.contains("conv kernels 64 > 32"), said.toString());
        // 32 x 32 x 3 x 25 x 64 = 4,915,200 MACs; the largest calibrated layer is fc64 on 32 x 32 x 32 features:
        // 32,768 x 64 = 2,097,152 MACs
        assertTrue(said.contains("layer MACs 4.92e6 > 2.10e6"), said.toString());
    }

    @Test
    void layersOfAKindNeverCalibratedAreNamed() {
        Extrapolation x = domain().check(Nb201Space.cifar10().parse("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|"
                + "none~1|none~2|"), 1, Execution.EAGER);
        assertTrue(x.describe().contains("pool live layers not in the calibration data"), x.describe());
        assertTrue(x.describe().contains("add live layers not in the calibration data"), x.describe());
    }

    @Test
    void mergingKeepsTheFarthestValueOfEachQuantity() {
        CalibrationDomain d = domain();
        Extrapolation merged = Extrapolation.merge(List.of(d.check(CHAIN.parse("k3n64s1"), 1, Execution.EAGER),
                d.check(CHAIN.parse("k3n256s1"), 1, Execution.EAGER)));
        assertTrue(merged.describe().contains("conv kernels 256 > 32"), merged.describe());
        assertTrue(!merged.describe().contains("conv kernels 64"), merged.describe());
    }

    @Test
    void valuesOfOneQuantityOutsideOneSetAreListedTogether() {
        Extrapolation.Excursion g48 = new Extrapolation.Excursion("conv groups", Extrapolation.Excursion.Kind.NOT_IN,
                48, Double.NaN, "{1}");
        Extrapolation.Excursion g16 = new Extrapolation.Excursion("conv groups", Extrapolation.Excursion.Kind.NOT_IN,
                16, Double.NaN, "{1}");
        Extrapolation.Excursion k5 = new Extrapolation.Excursion("conv kernel size",
                Extrapolation.Excursion.Kind.NOT_IN, 5, Double.NaN, "{1, 3}");
        Extrapolation.Excursion batch = new Extrapolation.Excursion("batch", Extrapolation.Excursion.Kind.ABOVE, 4, 1,
                "1");
        Extrapolation merged = Extrapolation.merge(List.of(new Extrapolation(List.of(g48, k5)),
                new Extrapolation(List.of(batch, g16, g48))));
        assertEquals("conv groups 16, 48 not in {1}; conv kernel size 5 not in {1, 3}; batch 4 > 1",
                merged.describe());
    }

    @Test
    void aDomainOfFullyConnectedLayersAloneRoundTripsThroughAProfileFile() {
        GraphBuilder b = GraphBuilder.on(Shape.vector(64));
        b.add("fc", Linear.of(64, 10), Architecture.INPUT);
        CalibrationDomain d = CalibrationDomain.of(List.of(new CalibrationDomain.Row(b.build("fc"), 1, false)),
                Execution.EAGER);
        Map<String, Object> json = BoardProfiles.parse(BoardProfiles.json(d.toJson()), "d.json");
        assertEquals(d, CalibrationDomain.read(Parameters.of(json)));
    }

    @Test
    void profileSectionsWithEmptyListsRoundTripThroughAProfileFile() {
        Provenance v = new Provenance(List.of(), "fitted by hand", null, null);
        assertEquals(v, Provenance.read(Parameters.of(BoardProfiles.parse(BoardProfiles.json(v.toJson()), "p.json"))));
        Hardware h = new Hardware(1e12, 1e10, 1 << 20, 2.0, 10.0, List.of());
        assertEquals(h, Hardware.read(Parameters.of(BoardProfiles.parse(BoardProfiles.json(h.toJson()), "h.json"))));
    }

    @Test
    void theDomainRoundTripsThroughAProfileFile() {
        CalibrationDomain d = domain();
        Map<String, Object> json = BoardProfiles.parse(BoardProfiles.json(d.toJson()), "d.json");
        assertEquals(d, CalibrationDomain.read(Parameters.of(json)));
    }

    @Test
    void theQuickstartBoardHoldsNb201NetworksInsideAndChainNetworksOutside() {
        EnergyModel tx2 = Boards.model(Boards.load("jetson-tx2"));
        assertTrue(tx2.estimate(Nb201Space.cifar10().parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|"
                + "avg_pool_3x3~0|none~1|nor_conv_3x3~2|"), 1).extrapolation().inside());
        assertTrue(!tx2.estimate(CHAIN.parse("k3n16s1"), 1).extrapolation().inside());
    }
}
