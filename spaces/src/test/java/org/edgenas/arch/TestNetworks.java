package org.edgenas.arch;

/** Hand-built networks that the tests of several modules share (from the spaces test jar). */
public final class TestNetworks {

    private TestNetworks() {
    }

    /**
     * Every mobile layer kind on a 3 x 7 x 7 input: a 1x1 stem conv to 4 channels; an inverted residual block (1x1
     * expansion to 8, BN, ReLU6, depthwise 3x3, BN, ReLU6, squeeze-and-excitation 8 -> 2 -> 8 with biases gated by a
     * hard sigmoid, channel multiply, 1x1 projection to 4, BN, residual sum); a strided 5x5 depthwise conv with bias,
     * BN, and a sigmoid of its channel means multiplied in; global pool; a linear classifier to 3 outputs. Node 12 is
     * the block's channel multiply, fed by nodes 6 and 11.
     */
    public static Architecture mobile() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 7, 7));
        int x = g.add("stem", Conv2d.pointwise(3, 4), Architecture.INPUT);
        int in = x;
        x = g.add("b1.expand", Conv2d.pointwise(4, 8), x);
        x = g.add("b1.bn1", BatchNorm.of(8), x);
        x = g.add("b1.act1", ReLU6.of(), x);
        x = g.add("b1.dw", Conv2d.depthwise(8, 3, 1), x);
        x = g.add("b1.bn2", BatchNorm.of(8), x);
        x = g.add("b1.act2", ReLU6.of(), x);
        int squeeze = g.add("b1.se.pool", GlobalAvgPool.of(), x);
        squeeze = g.add("b1.se.reduce", new Conv2d(8, 2, 1, 1, 0, 1, true), squeeze);
        squeeze = g.add("b1.se.relu", ReLU.of(), squeeze);
        squeeze = g.add("b1.se.expand", new Conv2d(2, 8, 1, 1, 0, 1, true), squeeze);
        squeeze = g.add("b1.se.gate", HardSigmoid.of(), squeeze);
        x = g.add("b1.se.scale", ChannelMul.of(), x, squeeze);
        x = g.add("b1.project", Conv2d.pointwise(8, 4), x);
        x = g.add("b1.bn3", BatchNorm.of(4), x);
        x = g.add("b1.residual", Add.of(), x, in);
        x = g.add("b2.dw", new Conv2d(4, 4, 5, 2, 2, 4, true), x);
        x = g.add("b2.bn", BatchNorm.of(4), x);
        int gate = g.add("b2.se.pool", GlobalAvgPool.of(), x);
        gate = g.add("b2.se.gate", Sigmoid.of(), gate);
        x = g.add("b2.se.scale", ChannelMul.of(), x, gate);
        x = g.add("gap", GlobalAvgPool.of(), x);
        g.add("fc", Linear.of(4, 3), x);
        return g.build("mobile");
    }
}
