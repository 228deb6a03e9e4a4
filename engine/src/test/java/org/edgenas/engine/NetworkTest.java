package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;
import org.junit.jupiter.api.Test;

/** Forward passes of each layer kind on inputs small enough to compute by hand. */
class NetworkTest {

    private static final float[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void convolutionWithBiasMatchesHandComputation() {
        // 3x3 image, 2x2 kernel [[1, 2], [0, -1]], bias 0.5: y[i][j] = x[i][j] + 2 x[i][j+1] - x[i+1][j+1] + 0.5
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 3, 3));
        g.add("conv", new Conv2d(1, 1, 2, 1, 0, 1, true), Architecture.INPUT);
        Architecture a = g.build("conv");
        float[] out = run(a, 1, weights(a, new float[] {1, 2, 0, -1}, new float[] {0.5f}), NINE);
        assertArrayEquals(new float[] {0.5f, 2.5f, 6.5f, 8.5f}, out, 1e-6f);
    }

    @Test
    void stridedPaddedConvolutionSumsTheWindowInsideTheImage() {
        // all-ones 3x3 kernel, stride 2, padding 1: each output sums the 2x2 corner block it covers
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 3, 3));
        g.add("conv", new Conv2d(1, 1, 3, 2, 1, 1, false), Architecture.INPUT);
        Architecture a = g.build("conv");
        float[] ones = new float[9];
        Arrays.fill(ones, 1f);
        float[] out = run(a, 1, weights(a, ones, null), NINE);
        assertArrayEquals(new float[] {1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9}, out, 1e-6f);
    }

    @Test
    void groupedConvolutionKeepsGroupsApart() {
        // 2 groups of one channel, 1x1 kernels 2 and -1; two images
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 1, 2));
        g.add("conv", new Conv2d(2, 2, 1, 1, 0, 2, false), Architecture.INPUT);
        Architecture a = g.build("grouped");
        float[] out = run(a, 2, weights(a, new float[] {2, -1}, null), new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertArrayEquals(new float[] {2, 4, -3, -4, 10, 12, -7, -8}, out, 1e-6f);
    }

    @Test
    void linearLayerFlattensAndAddsBias() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 1, 1));
        g.add("fc", Linear.of(3, 2), Architecture.INPUT);
        Architecture a = g.build("fc");
        float[] out = run(a, 1, weights(a, new float[] {1, 2, 3, -1, 0, 1}, new float[] {0.5f, -1}),
                new float[] {1, 1, 2});
        assertArrayEquals(new float[] {1 + 2 + 6 + 0.5f, -1 + 2 - 1}, out, 1e-6f);
    }

    @Test
    void batchNormUsesTheBatchMeanAndBiasedVariance() {
        // images [1, 3] and [5, 7]: mean 4, biased variance (9 + 1 + 1 + 9) / 4 = 5
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 1, 2));
        g.add("bn", BatchNorm.of(1), Architecture.INPUT);
        Architecture a = g.build("bn");
        float[] out = run(a, 2, Weights.kaimingNormal(a, 0), new float[] {1, 3, 5, 7});
        float s = (float) Math.sqrt(5 + 1e-5);
        assertArrayEquals(new float[] {-3 / s, -1 / s, 1 / s, 3 / s}, out, 1e-6f);
    }

    @Test
    void averagePoolingLeavesPaddingOutOfTheCount() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 3, 3));
        g.add("pool", AvgPool.of(3, 1, 1), Architecture.INPUT);
        Architecture a = g.build("avg");
        float[] out = run(a, 1, Weights.kaimingNormal(a, 0), NINE);
        // corner: mean(1, 2, 4, 5); edge: mean(1..6); centre: mean(1..9)
        assertEquals(3f, out[0], 1e-6f);
        assertEquals(3.5f, out[1], 1e-6f);
        assertEquals(5f, out[4], 1e-6f);
        assertEquals((5 + 6 + 8 + 9) / 4f, out[8], 1e-6f);
    }

    @Test
    void maxPoolingTakesTheWindowMaximum() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 3, 3));
        g.add("pool", MaxPool.of(2, 1, 0), Architecture.INPUT);
        Architecture a = g.build("max");
        float[] out = run(a, 1, Weights.kaimingNormal(a, 0), new float[] {1, -2, 3, 4, 0, -6, -7, 8, 9});
        assertArrayEquals(new float[] {4, 3, 8, 9}, out, 0f);
    }

    @Test
    void reluAddZeroIdentityAndGlobalPoolCompose() {
        // out = globalpool(relu(x) + identity(x) + zero(x)) = mean(relu(x) + x)
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 2, 2));
        int r = g.add("relu", ReLU.of(), Architecture.INPUT);
        int i = g.add("skip", Identity.of(), Architecture.INPUT);
        int z = g.add("none", Zero.of(), Architecture.INPUT);
        int s = g.add("sum", Add.of(), r, i, z);
        g.add("pool", GlobalAvgPool.of(), s);
        Architecture a = g.build("mix");
        float[] out = run(a, 1, Weights.kaimingNormal(a, 0), new float[] {-1, 2, -3, 4});
        assertArrayEquals(new float[] {(0 + 2 + 0 + 4 + (-1 + 2 - 3 + 4)) / 4f}, out, 1e-6f);
    }

    @Test
    void relu6ClipsAtZeroAndSix() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 1, 4));
        g.add("act", ReLU6.of(), Architecture.INPUT);
        Architecture a = g.build("relu6");
        assertArrayEquals(new float[] {0, 2.5f, 6, 6}, run(a, 1, Weights.kaimingNormal(a, 0),
                new float[] {-1, 2.5f, 6, 7.25f}), 0f);
    }

    @Test
    void hardSigmoidIsRelu6OfXPlusThreeOverSix() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 1, 4));
        g.add("gate", HardSigmoid.of(), Architecture.INPUT);
        Architecture a = g.build("hardsigmoid");
        // -4 -> 0; -1.5 -> 1.5 / 6 = 0.25; 1.5 -> 4.5 / 6 = 0.75; 3 -> 1
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, run(a, 1, Weights.kaimingNormal(a, 0),
                new float[] {-4, -1.5f, 1.5f, 3}), 1e-7f);
    }

    @Test
    void sigmoidIsLogistic() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 1, 3));
        g.add("gate", Sigmoid.of(), Architecture.INPUT);
        Architecture a = g.build("sigmoid");
        // 1 / (1 + e^-x): x = 0 -> 0.5; x = ln 3 -> 0.75; x = -ln 3 -> 0.25
        float ln3 = (float) Math.log(3);
        assertArrayEquals(new float[] {0.5f, 0.75f, 0.25f}, run(a, 1, Weights.kaimingNormal(a, 0),
                new float[] {0, ln3, -ln3}), 1e-6f);
    }

    @Test
    void channelMulScalesEachChannelOfEachImageByItsFactor() {
        // two images of 2 channels x 2 pixels; factors = the channel means (global pool), so channel c of image b
        // becomes x * mean(x[b][c])
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 1, 2));
        int pool = g.add("pool", GlobalAvgPool.of(), Architecture.INPUT);
        g.add("scale", ChannelMul.of(), Architecture.INPUT, pool);
        Architecture a = g.build("se");
        float[] out = run(a, 2, Weights.kaimingNormal(a, 0), new float[] {1, 3, 2, 4, -1, 1, 5, 7});
        // means: image 0: 2, 3; image 1: 0, 6
        assertArrayEquals(new float[] {2, 6, 6, 12, 0, 0, 30, 42}, out, 0f);
    }

    @Test
    void reusedBuffersGiveTheSameResultAsOwnBuffers() {
        Architecture a = GradientCheckTest.mixedArchitecture();
        Weights w = Weights.kaimingNormal(a, 3);
        float[] x = GradientCheckTest.randoms(3 * (int) a.input().elements(), 11);
        float[] shared = run(a, 3, w, x);
        Network own = Network.compile(a, 3, w, Mode.GRADIENTS, Workers.single());
        own.forward(x, 0, ActivationListener.NONE);
        assertArrayEquals(own.output(), shared, 0f);
    }

    @Test
    void twoThreadsComputeExactlyWhatOneThreadDoes() {
        Architecture a = GradientCheckTest.mixedArchitecture();
        Weights w = Weights.kaimingNormal(a, 5);
        float[] x = GradientCheckTest.randoms(4 * (int) a.input().elements(), 13);
        Network one = Network.compile(a, 4, w, Mode.FORWARD, Workers.single());
        Network two = Network.compile(a, 4, w, Mode.FORWARD, Workers.of(2));
        one.forward(x, 0, ActivationListener.NONE);
        two.forward(x, 0, ActivationListener.NONE);
        assertArrayEquals(one.output(), two.output(), 0f);
    }

    @Test
    void listenerSeesEveryNodeInOrder() {
        Architecture a = GradientCheckTest.mixedArchitecture();
        Network net = Network.compile(a, 2, Weights.kaimingNormal(a, 0), Mode.FORWARD, Workers.single());
        List<Integer> seen = new ArrayList<>();
        net.forward(new float[2 * (int) a.input().elements()], 0, (node, values, scale) -> {
            assertEquals(2 * a.shape(node.index()).elements(), values.length);
            seen.add(node.index());
        });
        assertEquals(a.nodes().size(), seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void rejectsAWrongInputLengthAndBackwardWithoutGradients() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 2, 2));
        g.add("relu", ReLU.of(), Architecture.INPUT);
        Architecture a = g.build("relu");
        Network net = Network.compile(a, 2, Weights.kaimingNormal(a, 0), Mode.FORWARD, Workers.single());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new float[4], 0, ActivationListener.NONE));
        assertTrue(e.getMessage().contains("batch 2 x 1x2x2 = 8 values, got 4"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.backward(new float[8], 0));
        assertThrows(IllegalArgumentException.class,
                () -> Network.compile(a, 0, Weights.kaimingNormal(a, 0), Mode.FORWARD, Workers.single()));
    }

    static float[] run(Architecture a, int batch, Weights w, float[] input) {
        Network net = Network.compile(a, batch, w, Mode.FORWARD, Workers.single());
        net.forward(input, 0, ActivationListener.NONE);
        return net.output().clone();
    }

    private static Weights weights(Architecture a, float[] weight, float[] bias) {
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        w.add(weight);
        b.add(bias);
        for (int i = 1; i < a.nodes().size(); i++) {
            w.add(null);
            b.add(null);
        }
        return Weights.of(a, w, b);
    }
}
