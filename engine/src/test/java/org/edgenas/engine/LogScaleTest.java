package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.junit.jupiter.api.Test;

/** Log-scaled execution: the same numbers as plain execution where floats suffice, and no overflow where not. */
class LogScaleTest {

    @Test
    void logScaledPassesEqualPlainPassesOnceScalesAreApplied() {
        assertLogScaledEqualsPlain(GradientCheckTest.mixedArchitecture());
    }

    @Test
    void mobileLayersReadTheScaleWhereTheyAreNotHomogeneous() {
        assertLogScaledEqualsPlain(GradientCheckTest.mobileArchitecture());
    }

    private static void assertLogScaledEqualsPlain(Architecture a) {
        Weights w = Weights.kaimingNormal(a, 9);
        float[] x = GradientCheckTest.randoms(2 * (int) a.input().elements(), 21);
        float[] c = GradientCheckTest.randoms(2 * (int) a.output().elements(), 22);
        // the input arrives with a scale of e^3: plain execution sees the same values multiplied out
        float[] xPlain = x.clone();
        for (int i = 0; i < xPlain.length; i++) {
            xPlain[i] *= (float) Math.exp(3);
        }
        Network plain = Network.compile(a, 2, w, Mode.GRADIENTS, Workers.single());
        plain.forward(xPlain, 0, ActivationListener.NONE);
        plain.backward(c, 0);
        Network scaled = Network.compile(a, 2, w, new Mode(true, true, Mode.BatchNorm.BATCH), Workers.single());
        scaled.forward(x, 3, ActivationListener.NONE);
        scaled.backward(c, 0);

        assertSame(plain.output(), 0, scaled.output(), scaled.outputLogScale(), "output");
        for (int i = 0; i < a.nodes().size(); i++) {
            if (plain.weightGradient(i) != null) {
                assertSame(plain.weightGradient(i), 0, scaled.weightGradient(i), scaled.weightGradientLogScale(i),
                        a.nodes().get(i).name() + " weight gradient");
            }
        }
        assertSame(plain.inputGradient(), 0, scaled.inputGradient(), scaled.inputGradientLogScale(), "input gradient");
    }

    @Test
    void deepProductsBeyondFloatRangeStayExactInLogSpace() {
        // 30 linear layers 4 -> 4 with every weight 10, no bias, input all ones: every output is 40^30 ~ 1e48
        // (beyond float's 3.4e38); d(sum of outputs)/d(input) = 40^30 for each input; the last layer's weight
        // gradient is 40^29 for every weight.
        int depth = 30;
        GraphBuilder g = GraphBuilder.on(Shape.vector(4));
        int x = Architecture.INPUT;
        for (int l = 0; l < depth; l++) {
            x = g.add("fc" + l, new Linear(4, 4, false), x);
        }
        Architecture a = g.build("deep");
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            float[] tens = new float[16];
            Arrays.fill(tens, 10f);
            w.add(tens);
            b.add(null);
        }
        float[] ones = {1, 1, 1, 1};
        Network net = Network.compile(a, 1, Weights.of(a, w, b), Mode.SYNFLOW, Workers.single());
        net.forward(ones, 0, ActivationListener.NONE);
        net.backward(ones, 0);
        double log40 = Math.log(40);
        for (float v : net.output()) {
            assertEquals(depth * log40, Math.log(v) + net.outputLogScale(), 1e-5);
        }
        for (float v : net.inputGradient()) {
            assertEquals(depth * log40, Math.log(v) + net.inputGradientLogScale(), 1e-5);
        }
        for (float v : net.weightGradient(depth - 1)) {
            assertEquals((depth - 1) * log40, Math.log(v) + net.weightGradientLogScale(depth - 1), 1e-5);
        }
        Network plain = Network.compile(a, 1, Weights.of(a, w, b), Mode.GRADIENTS, Workers.single());
        plain.forward(ones, 0, ActivationListener.NONE);
        assertTrue(Float.isInfinite(plain.output()[0]), "plain floats overflow here");
    }

    private static void assertSame(float[] plain, double plainScale, float[] scaled, double scale, String what) {
        for (int i = 0; i < plain.length; i++) {
            double expected = plain[i] * Math.exp(plainScale);
            double actual = scaled[i] * Math.exp(scale);
            assertEquals(expected, actual, 1e-4 * (1 + Math.abs(expected)), what + "[" + i + "]");
        }
    }
}
