package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Layer;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Shape;
import org.junit.jupiter.api.Test;

/** Pooling against a direct evaluation of its definition, for the stride-1 shifted-row path and the general one. */
class PoolOpTest {

    @Test
    void averageAndMaxPoolingMatchTheirDefinition() {
        int[][] cases = {{3, 1, 1}, {2, 1, 0}, {3, 2, 1}, {5, 1, 2}, {2, 2, 0}};
        for (int[] k : cases) {
            for (boolean max : new boolean[] {false, true}) {
                Layer layer = max ? MaxPool.of(k[0], k[1], k[2]) : AvgPool.of(k[0], k[1], k[2]);
                GraphBuilder g = GraphBuilder.on(Shape.of(2, 7, 6));
                g.add("pool", layer, Architecture.INPUT);
                Architecture a = g.build("pool");
                float[] x = GradientCheckTest.randoms(2 * 2 * 7 * 6, 5);
                float[] out = NetworkTest.run(a, 2, Weights.kaimingNormal(a, 0), x);
                Shape o = a.output();
                for (int plane = 0; plane < 4; plane++) {
                    for (int oh = 0; oh < o.height(); oh++) {
                        for (int ow = 0; ow < o.width(); ow++) {
                            double best = Double.NEGATIVE_INFINITY;
                            double sum = 0;
                            int n = 0;
                            for (int h = oh * k[1] - k[2]; h < oh * k[1] - k[2] + k[0]; h++) {
                                for (int w = ow * k[1] - k[2]; w < ow * k[1] - k[2] + k[0]; w++) {
                                    if (h >= 0 && h < 7 && w >= 0 && w < 6) {
                                        float v = x[plane * 42 + h * 6 + w];
                                        best = Math.max(best, v);
                                        sum += v;
                                        n++;
                                    }
                                }
                            }
                            assertEquals(max ? best : sum / n, out[(plane * o.height() + oh) * o.width() + ow], 1e-6,
                                    layer + " plane " + plane + " at " + oh + "," + ow);
                        }
                    }
                }
            }
        }
    }
}
