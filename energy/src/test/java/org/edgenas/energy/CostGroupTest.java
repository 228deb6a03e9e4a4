package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Sigmoid;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.LinearCostModel;
import org.junit.jupiter.api.Test;

class CostGroupTest {

    @Test
    void groupedAndDepthwiseConvsFormTheirOwnGroup() {
        assertEquals(CostGroup.GROUPED_CONV, CostGroup.of(Conv2d.depthwise(32, 3, 1)));
        assertEquals(CostGroup.GROUPED_CONV, CostGroup.of(new Conv2d(8, 8, 3, 1, 1, 4, false)));
        assertEquals(CostGroup.CONV, CostGroup.of(Conv2d.pointwise(32, 64)));
    }

    @Test
    void mobileActivationsAreActivationsAndChannelMulIsElementWiseArithmetic() {
        assertEquals(CostGroup.ACT, CostGroup.of(ReLU6.of()));
        assertEquals(CostGroup.ACT, CostGroup.of(HardSigmoid.of()));
        assertEquals(CostGroup.ACT, CostGroup.of(Sigmoid.of()));
        assertEquals(CostGroup.ADD, CostGroup.of(ChannelMul.of()));
    }

    @Test
    void aProfileWithoutGroupedConvCoefficientsChargesThemAsDenseConvs() {
        Coefficients conv = new Coefficients(1, 2e-6, 3e-6);
        LinearCostModel m = LinearCostModel.of(0, Map.of(CostKey.of(CostGroup.CONV, CostTerm.LIVE), conv,
                CostKey.of(CostGroup.CONV, CostTerm.CONSTANT), new Coefficients(4, 0, 0)));
        assertEquals(conv, m.coefficients(CostGroup.GROUPED_CONV, CostTerm.LIVE));
        assertEquals(new Coefficients(4, 0, 0), m.coefficients(CostGroup.GROUPED_CONV, CostTerm.CONSTANT));
        assertEquals(Coefficients.ZERO, m.coefficients(CostGroup.POOL, CostTerm.LIVE));
    }

    @Test
    void aProfileWithGroupedConvCoefficientsUsesThem() {
        Coefficients grouped = new Coefficients(5, 6e-6, 7e-6);
        LinearCostModel m = LinearCostModel.of(0, Map.of(CostKey.of(CostGroup.CONV, CostTerm.LIVE),
                new Coefficients(1, 2e-6, 3e-6), CostKey.of(CostGroup.GROUPED_CONV, CostTerm.LIVE), grouped));
        assertEquals(grouped, m.coefficients(CostGroup.GROUPED_CONV, CostTerm.LIVE));
    }
}
