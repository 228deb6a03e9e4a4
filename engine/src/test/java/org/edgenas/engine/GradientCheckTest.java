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
import org.edgenas.arch.TestNetworks;
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

    /** The mobile layer kinds (see {@link TestNetworks#mobile()}). */
    static Architecture mobileArchitecture() {
        return TestNetworks.mobile();
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
        assertGradientsMatchFiniteDifferences(mixedArchitecture());
    }

    @Test
    void mobileLayerGradientsMatchFiniteDifferences() {
        assertGradientsMatchFiniteDifferences(mobileArchitecture());
    }

    private static void assertGradientsMatchFiniteDifferences(Architecture a) {
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

        Tally tally = new Tally();
        for (int i = 0; i < a.nodes().size(); i++) {
            String name = a.nodes().get(i).name();
            if (w.get(i) != null) {
                check(a, w, b, x, c, w.get(i), net.weightGradient(i), name + " weight", tally);
            }
            if (b.get(i) != null) {
                check(a, w, b, x, c, b.get(i), net.biasGradient(i), name + " bias", tally);
            }
        }
        check(a, w, b, x, c, x, net.inputGradient(), "input", tally);
        assertTrue(tally.checked > 100, "checked " + tally.checked);
        assertTrue(tally.kinks * 10 <= tally.checked, tally.kinks + " of " + tally.checked
                + " probes straddle a kink: too many to call the check meaningful");
    }

    /** Probes compared, and probes left out because a kink lies within the step. */
    private static final class Tally {
        int checked;
        int kinks;
    }

    /**
     * Compares about 25 entries of {@code analytic} with central differences of R in {@code p}. A ReLU-like kink
     * within {@code H} of a probe (an activation crossing 0 or 6, a max changing hands) makes the two one-sided
     * differences disagree by far more than curvature and rounding can; such a probe says nothing about the
     * derivative and is counted as a kink instead.
     */
    private static void check(Architecture a, List<float[]> w, List<float[]> b, float[] x, float[] c, float[] p,
                              float[] analytic, String what, Tally tally) {
        int step = Math.max(1, p.length / 25);
        double centre = objective(a, w, b, x, c);
        for (int j = 0; j < p.length; j += step) {
            float keep = p[j];
            p[j] = keep + H;
            double plus = objective(a, w, b, x, c);
            p[j] = keep - H;
            double minus = objective(a, w, b, x, c);
            p[j] = keep;
            double forward = (plus - centre) / H;
            double backward = (centre - minus) / H;
            if (Math.abs(forward - backward) > 1e-2 + 2e-2 * Math.abs(forward + backward) / 2) {
                tally.kinks++;
                continue;
            }
            assertClose((plus - minus) / (2 * H), analytic[j], what + "[" + j + "]");
            tally.checked++;
        }
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
