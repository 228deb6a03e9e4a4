package org.edgenas.export;

import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Linear;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;

/** A hand-built network with every mobile layer kind, for the export tests. */
final class MobileBlock {

    private MobileBlock() {
    }

    /**
     * Stem 1x1 conv 3->4; an inverted residual block (1x1 expansion to 8, BN, ReLU6, depthwise 3x3, BN, ReLU6,
     * squeeze-and-excitation 8->2->8 gated by a hard sigmoid, 1x1 projection to 4, BN, residual sum); a strided
     * depthwise conv gated by a sigmoid of its channel means; global pool; linear classifier.
     */
    static Architecture architecture() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 8, 8));
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
        x = g.add("b2.dw", Conv2d.depthwise(4, 5, 2), x);
        int gate = g.add("b2.gate.pool", GlobalAvgPool.of(), x);
        gate = g.add("b2.gate", Sigmoid.of(), gate);
        x = g.add("b2.scale", ChannelMul.of(), x, gate);
        x = g.add("pool", GlobalAvgPool.of(), x);
        g.add("fc", Linear.of(4, 10), x);
        return g.build("mobile-block");
    }
}
