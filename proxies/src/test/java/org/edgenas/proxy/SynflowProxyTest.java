package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;
import org.junit.jupiter.api.Test;

class SynflowProxyTest {

    @Test
    void twoLinearLayersMatchTheClosedForm() {
        // x = (1, 1); h = |W1| x; R = sum |W2| h. dR/dW2[0][j] = h[j], dR/dW1[i][j] = |W2[0][i]| x[j].
        GraphBuilder g = GraphBuilder.on(Shape.vector(2));
        int h = g.add("fc1", new Linear(2, 2, false), Architecture.INPUT);
        g.add("fc2", new Linear(2, 1, false), h);
        Architecture a = g.build("mlp");
        float[] w1 = {0.5f, 2f, 1.5f, 0.25f};
        float[] w2 = {3f, 0.5f};
        Weights w = Weights.of(a, List.of(w1, w2), Arrays.asList(null, null));
        double h0 = 0.5 + 2;
        double h1 = 1.5 + 0.25;
        double synflow = 3 * h0 + 0.5 * h1 + (0.5 + 2) * 3 + (1.5 + 0.25) * 0.5;
        double logsynflow = 3 * Math.log1p(h0) + 0.5 * Math.log1p(h1) + (0.5 + 2) * Math.log1p(3)
                + (1.5 + 0.25) * Math.log1p(0.5);
        assertEquals(Math.log(synflow), SynflowProxy.score(a, w, false, Workers.single()), 1e-6);
        assertEquals(logsynflow, SynflowProxy.score(a, w, true, Workers.single()), 1e-5);
    }

    @Test
    void scoresBeyondDoubleRangeStayFinite() {
        // 400 linear layers 4 -> 4, every weight 10, input ones: y_l = 40^l, dR/dW_l = 40^(L-1) for every weight.
        // synflow = L * 16 * 10 * 40^(L-1): ln = ln(160 L) + (L - 1) ln 40 ~ 1483, far beyond double's ln 1.8e308 ~ 709
        int depth = 400;
        GraphBuilder g = GraphBuilder.on(Shape.vector(4));
        int x = Architecture.INPUT;
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            x = g.add("fc" + l, new Linear(4, 4, false), x);
            float[] tens = new float[16];
            Arrays.fill(tens, 10f);
            weights.add(tens);
            biases.add(null);
        }
        Architecture a = g.build("deep");
        Weights w = Weights.of(a, weights, biases);
        double log40 = Math.log(40);
        assertEquals(Math.log(160.0 * depth) + (depth - 1) * log40, SynflowProxy.score(a, w, false,
                Workers.single()), 1e-6 * depth);
        assertEquals(160.0 * depth * (depth - 1) * log40, SynflowProxy.score(a, w, true, Workers.single()),
                1e-6 * 160.0 * depth * depth);
    }

    @Test
    void batchNormIsBypassed() {
        // conv -> BN -> ReLU -> pool -> FC scores exactly as conv -> ReLU -> pool -> FC with the same weights
        GraphBuilder with = GraphBuilder.on(Shape.of(3, 6, 6));
        int c = with.add("conv", Conv2d.of(3, 4, 3, 1), Architecture.INPUT);
        int b = with.add("bn", BatchNorm.of(4), c);
        int r = with.add("relu", ReLU.of(), b);
        int p = with.add("pool", GlobalAvgPool.of(), r);
        with.add("fc", Linear.of(4, 2), p);
        Architecture a = with.build("with-bn");
        GraphBuilder without = GraphBuilder.on(Shape.of(3, 6, 6));
        c = without.add("conv", Conv2d.of(3, 4, 3, 1), Architecture.INPUT);
        r = without.add("relu", ReLU.of(), c);
        p = without.add("pool", GlobalAvgPool.of(), r);
        without.add("fc", Linear.of(4, 2), p);
        Architecture plain = without.build("without-bn");
        Weights wa = Weights.kaimingNormal(a, 5).abs();
        Weights wp = Weights.of(plain, Arrays.asList(wa.weight(0), null, null, wa.weight(4)),
                Arrays.asList(null, null, null, wa.bias(4)));
        assertEquals(SynflowProxy.score(plain, wp, false, Workers.single()),
                SynflowProxy.score(a, wa, false, Workers.single()), 1e-9);
    }

    @Test
    void disconnectedNetworkSumsToNothingAndIsRatedWorthless() {
        // every cell is 'none': no gradient reaches a weight before the classifier, whose input is 0
        var space = NaswotProxyTest.SMALL;
        Architecture none = space.parse(NaswotProxyTest.ALL_NONE);
        Weights w = Weights.kaimingNormal(none, 0).abs();
        assertEquals(Double.NEGATIVE_INFINITY, SynflowProxy.score(none, w, false, Workers.single()), "ln 0");
        assertEquals(0.0, SynflowProxy.score(none, w, true, Workers.single()), "an empty sum");
        // and its output ignores its input, so both proxies rate it worthless without computing
        assertEquals(Double.NEGATIVE_INFINITY,
                AccuracyProxies.create("synflow", Parameters.empty(), space).score(none));
        assertEquals(Double.NEGATIVE_INFINITY,
                AccuracyProxies.create("logsynflow", Parameters.empty(), space).score(none));
    }

    @Test
    void moreConvolutionsScoreHigherOnNb201() {
        var space = NaswotProxyTest.SMALL;
        AccuracyProxy synflow = AccuracyProxies.create("synflow", Parameters.of(Map.of("seed", 1)), space);
        double conv = synflow.score(space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|"
                + "nor_conv_3x3~1|nor_conv_3x3~2|"));
        double skip = synflow.score(space.parse("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|"
                + "skip_connect~1|skip_connect~2|"));
        assertTrue(conv > skip, conv + " vs " + skip);
    }
}
