package org.edgenas.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/** Which layers compute constants, on graphs small enough to check by hand, and on NAS-Bench-201 cells. */
class ConstantLayersTest {

    @Test
    void aZeroAndEverythingComputedOnlyFromConstantsIsConstant() {
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 4, 4));
        int zero = g.add("zero", Zero.of(), Architecture.INPUT);
        int conv = g.add("conv", Conv2d.of(2, 2, 3, 1), zero);
        int bn = g.add("bn", BatchNorm.of(2), conv);
        int sum = g.add("sum", Add.of(), bn, zero);
        g.add("fc", Linear.of(2 * 4 * 4, 3), sum);
        ConstantLayers c = ConstantLayers.of(g.build("constant"));
        for (int i = 0; i < 5; i++) {
            assertTrue(c.isConstant(i), "node " + i);
        }
        assertTrue(c.outputIsConstant());
    }

    @Test
    void aSumWithOneInputThatDependsOnTheImageIsNot() {
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 4, 4));
        int zero = g.add("zero", Zero.of(), Architecture.INPUT);
        int conv = g.add("conv", Conv2d.of(2, 2, 3, 1), Architecture.INPUT);
        g.add("sum", Add.of(), zero, conv);
        ConstantLayers c = ConstantLayers.of(g.build("live"));
        assertTrue(c.isConstant(zero));
        assertFalse(c.isConstant(conv));
        assertFalse(c.outputIsConstant());
    }

    @Test
    void multiplyingByAConstantZeroIsNotRecognised() {
        // documented limit: sound, not complete
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 4, 4));
        int gate = g.add("pool", GlobalAvgPool.of(), Architecture.INPUT);
        gate = g.add("zero", Zero.of(), gate);
        g.add("scale", ChannelMul.of(), Architecture.INPUT, gate);
        assertFalse(ConstantLayers.of(g.build("gated")).outputIsConstant());
    }

    @Test
    void nb201CellsWhoseLastNodeReceivesOnlyNoneMakeTheOutputConstant() {
        Nb201Space space = Nb201Space.cifar10();
        assertTrue(ConstantLayers.of(space.parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|none~1|"
                + "none~2|")).outputIsConstant());
        assertFalse(ConstantLayers.of(space.parse("|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"))
                .outputIsConstant(), "a skip from the cell input reaches the output");
    }
}
