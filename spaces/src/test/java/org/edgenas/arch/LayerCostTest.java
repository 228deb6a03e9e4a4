package org.edgenas.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerCostTest {

    private static LayerCost only(Layer layer, Shape input) {
        GraphBuilder g = GraphBuilder.on(input);
        g.add("l", layer, Architecture.INPUT);
        return g.build("one").costs().getFirst();
    }

    @Test
    void conv3x3MacsMatchHandCount() {
        // 16x16 output, 8 in channels, 3x3 kernel, 4 kernels: 256 * 8 * 9 * 4 = 73,728
        LayerCost c = only(Conv2d.of(8, 4, 3, 1), Shape.of(8, 16, 16));
        assertEquals(73_728, c.macs());
        assertEquals(4 * 8 * 9, c.params());
    }

    @Test
    void groupedConvDividesInputChannels() {
        // depthwise-like: 4 groups, 8 -> 8 channels, 3x3, 4x4 output: 16 * (8/4) * 9 * 8 = 2,304
        LayerCost c = only(new Conv2d(8, 8, 3, 1, 1, 4, true), Shape.of(8, 4, 4));
        assertEquals(2_304, c.macs());
        assertEquals(8 * 2 * 9 + 8, c.params());
    }

    @Test
    void strideTwoCountsOutputPositionsOnly() {
        // 32x32 -> 16x16 output, 3 -> 16 channels, 3x3: 256 * 3 * 9 * 16 = 110,592
        assertEquals(110_592, only(Conv2d.of(3, 16, 3, 2), Shape.of(3, 32, 32)).macs());
    }

    @Test
    void linearMacsAreInTimesOut() {
        LayerCost c = only(Linear.of(64, 10), Shape.vector(64));
        assertEquals(640, c.macs());
        assertEquals(650, c.params());
    }

    @Test
    void nonMacLayersHaveNoMacs() {
        Shape s = Shape.of(4, 6, 6);
        assertEquals(0, only(BatchNorm.of(4), s).macs());
        assertEquals(8, only(BatchNorm.of(4), s).params());
        assertEquals(0, only(AvgPool.of(3, 1, 1), s).macs());
        assertEquals(144 * 9, only(AvgPool.of(3, 1, 1), s).elementOps());
        assertEquals(0, only(ReLU.of(), s).params());
    }

    @Test
    void bytesCountActivationsPerImageAndWeightsOnce() {
        // conv 2->2, 1x1, 3x3 map: in 18, out 18, weights 4; batch 5 at fp32: 4 * ((18 + 18) * 5 + 4) = 736
        LayerCost c = only(Conv2d.of(2, 2, 1, 1), Shape.of(2, 3, 3));
        assertEquals(736, c.bytes(5, Precision.FP32));
        assertEquals(184, c.bytes(5, Precision.INT8));
    }

    @Test
    void depthwiseConvMacsAreOneFilterPerChannel() {
        // 32 channels, 3x3, stride 1 on 14x14: 196 positions * 9 taps * 32 channels = 56,448; 32 * 9 weights
        LayerCost c = only(Conv2d.depthwise(32, 3, 1), Shape.of(32, 14, 14));
        assertEquals(56_448, c.macs());
        assertEquals(288, c.params());
    }

    @Test
    void pointwiseConvMacsAreInTimesOutPerPosition() {
        // 16 -> 96 on 7x7: 49 * 16 * 96 = 75,264
        LayerCost c = only(Conv2d.pointwise(16, 96), Shape.of(16, 7, 7));
        assertEquals(75_264, c.macs());
        assertEquals(1_536, c.params());
    }

    @Test
    void mobileActivationsAndChannelMulAreElementOpsOnly() {
        Shape s = Shape.of(4, 3, 3);
        for (Layer act : List.of(ReLU6.of(), HardSigmoid.of(), Sigmoid.of())) {
            LayerCost c = only(act, s);
            assertEquals(0, c.macs(), act.kind());
            assertEquals(36, c.elementOps(), act.kind());
            assertEquals(0, c.params(), act.kind());
        }
        GraphBuilder g = GraphBuilder.on(s);
        int pool = g.add("pool", GlobalAvgPool.of(), Architecture.INPUT);
        g.add("scale", ChannelMul.of(), Architecture.INPUT, pool);
        LayerCost mul = g.build("se").costs().get(1);
        assertEquals(0, mul.macs());
        assertEquals(36, mul.elementOps());
        assertEquals(36 + 4, mul.inputElements());
    }
}
