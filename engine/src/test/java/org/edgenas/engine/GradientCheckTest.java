package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Zero;
import org.junit.jupiter.api.Test;

/**
 * Back-propagated gradients of R = sum(c * output), c random, against central finite differences of R, for every
 * layer kind: every parameter tensor and the input.
 */
class GradientCheckTest {

    private static final int BATCH = 3;
    private static final float H = 5e-3f;

    /** Every layer kind: grouped strided conv with bias, BN, ReLU, both pools, 1x1 conv, add, zero, identity, FC. */
    static Architecture mixedArchitecture() {
        GraphBuilder g = GraphBuilder.on(Shape.of(4, 6, 6));
        int c = g.add("conv", new Conv2d(4, 4, 3, 1, 1, 2, true), Architecture.INPUT);
        int bn = g.add("bn", BatchNorm.of(4), c);
        int r = g.add("relu", ReLU.of(), bn);
        int avg = g.add("avg", AvgPool.of(3, 1, 1), r);
        int max = g.add("max", MaxPool.of(3, 2, 1), r);
        int pw = g.add("pointwise", Conv2d.of(4, 4, 1, 1), avg);
        int down = g.add("down", new Conv2d(4, 4, 3, 2, 1, 1, false), pw);
        int sum = g.add("sum", Add.of(), max, down);
        int zero = g.add("none", Zero.of(), sum);
        int skip = g.add("skip", Identity.of(), sum);
        int all = g.add("all", Add.of(), zero, skip, max);
        int pool = g.add("gap", GlobalAvgPool.of(), all);
        g.add("fc", Linear.of(4, 3), pool);
        return g.build("mixed");
    }

    static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void everyParameterAndInputGradientMatchesFiniteDifferences() {
        Architecture a = mixedArchitecture();
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        Weights init = Weights.kaimingNormal(a, 1);
        for (int i = 0; i < a.nodes().size(); i++) {
            w.add(init.weight(i) == null ? null : randoms(init.weight(i).length, 100 + i));
            b.add(init.bias(i) == null ? null : randoms(init.bias(i).length, 200 + i));
        }
        float[] x = randoms(BATCH * (int) a.input().elements(), 3);
        float[] c = randoms(BATCH * (int) a.output().elements(), 4);

        Network net = Network.compile(a, BATCH, Weights.of(a, w, b), Mode.GRADIENTS, Workers.of(2));
        net.forward(x, 0, ActivationListener.NONE);
        net.backward(c, 0);

        int checked = 0;
        for (int i = 0; i < a.nodes().size(); i++) {
            if (w.get(i) != null) {
                checked += check(a, w, b, x, c, i, true, net.weightGradient(i));
            }
            if (b.get(i) != null) {
                checked += check(a, w, b, x, c, i, false, net.biasGradient(i));
            }
        }
        float[] dx = net.inputGradient();
        for (int j = 0; j < x.length; j += 7) {
            float keep = x[j];
            x[j] = keep + H;
            double plus = objective(a, w, b, x, c);
            x[j] = keep - H;
            double minus = objective(a, w, b, x, c);
            x[j] = keep;
            assertClose((plus - minus) / (2 * H), dx[j], "input[" + j + "]");
            checked++;
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    private static int check(Architecture a, List<float[]> w, List<float[]> b, float[] x, float[] c, int node,
                             boolean weight, float[] analytic) {
        float[] p = weight ? w.get(node) : b.get(node);
        int step = Math.max(1, p.length / 25);
        int n = 0;
        for (int j = 0; j < p.length; j += step, n++) {
            float keep = p[j];
            p[j] = keep + H;
            double plus = objective(a, w, b, x, c);
            p[j] = keep - H;
            double minus = objective(a, w, b, x, c);
            p[j] = keep;
            assertClose((plus - minus) / (2 * H), analytic[j],
                    a.nodes().get(node).name() + (weight ? " weight[" : " bias[") + j + "]");
        }
        return n;
    }

    private static void assertClose(double expected, float actual, String what) {
        assertEquals(expected, actual, 1e-2 + 2e-2 * Math.abs(expected), what);
    }

    private static double objective(Architecture a, List<float[]> w, List<float[]> b, float[] x, float[] c) {
        float[] out = NetworkTest.run(a, BATCH, Weights.of(a, w, b), x);
        double r = 0;
        for (int i = 0; i < out.length; i++) {
            r += (double) c[i] * out[i];
        }
        return r;
    }
}
