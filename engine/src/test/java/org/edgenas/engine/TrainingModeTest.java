package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.junit.jupiter.api.Test;

/** Batch-norm running statistics, inference with them, and SGD steps, against hand computations. */
class TrainingModeTest {

    private static Architecture batchNorm() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 1, 2));
        g.add("bn", BatchNorm.of(1), Architecture.INPUT);
        return g.build("bn");
    }

    @Test
    void trainingForwardMovesRunningStatisticsTowardsTheBatch() {
        // images [1, 3] and [5, 7]: mean 4, unbiased variance (9 + 1 + 1 + 9) / 3 = 20 / 3
        // running mean 0.9 * 0 + 0.1 * 4 = 0.4; running variance 0.9 * 1 + 0.1 * 20 / 3 = 1.5666...
        Architecture a = batchNorm();
        Weights initial = Weights.kaimingNormal(a, 0);
        Network net = Network.compile(a, 2, initial, Mode.TRAINING, Workers.single());
        net.forward(new float[] {1, 3, 5, 7}, 0, ActivationListener.NONE);
        Weights trained = net.snapshot();
        assertEquals(0.4f, trained.runningMean(0)[0], 1e-6f);
        assertEquals(0.9f + 2f / 3f, trained.runningVariance(0)[0], 1e-6f);
        // a second pass of the same batch: 0.9 * 0.4 + 0.4 = 0.76
        net.forward(new float[] {1, 3, 5, 7}, 0, ActivationListener.NONE);
        assertEquals(0.76f, net.snapshot().runningMean(0)[0], 1e-6f);
        assertEquals(0f, initial.runningMean(0)[0], "the caller's weights are not trained");
    }

    @Test
    void inferenceNormalisesWithTheRunningStatistics() {
        Architecture a = batchNorm();
        Network train = Network.compile(a, 2, Weights.kaimingNormal(a, 0), Mode.TRAINING, Workers.single());
        train.forward(new float[] {1, 3, 5, 7}, 0, ActivationListener.NONE);
        Network infer = Network.compile(a, 1, train.snapshot(), Mode.INFERENCE, Workers.single());
        infer.forward(new float[] {0.4f, 2}, 0, ActivationListener.NONE);
        float std = (float) Math.sqrt(0.9 + 2.0 / 3 + 1e-5);
        assertArrayEquals(new float[] {0, (2 - 0.4f) / std}, infer.output(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new Mode(true, false, Mode.BatchNorm.RUNNING));
    }

    @Test
    void sgdWithMomentumAndWeightDecayFollowsPyTorch() {
        // y = w . x with x = (1, 1) and dR/dy = 1: dR/dw = (1, 1) at every step.
        // lr 0.5, momentum 0.9, weight decay 0.1, w = (1, 2):
        // step 1: d = (1.1, 1.2), v = d, w = (0.45, 1.4)
        // step 2: d = (1.045, 1.14), v = 0.9 (1.1, 1.2) + d = (2.035, 2.22), w = (-0.5675, 0.29)
        GraphBuilder g = GraphBuilder.on(Shape.vector(2));
        g.add("fc", new Linear(2, 1, false), Architecture.INPUT);
        Architecture a = g.build("dot");
        Weights w = Weights.of(a, List.of(new float[] {1, 2}), Arrays.asList((float[]) null));
        Network net = Network.compile(a, 1, w, Mode.TRAINING, Workers.single());
        Sgd sgd = Sgd.of(net, 0.9, 0.1);
        float[] x = {1, 1};
        for (int step = 0; step < 2; step++) {
            net.forward(x, 0, ActivationListener.NONE);
            net.backward(new float[] {1}, 0);
            sgd.step(0.5);
        }
        assertArrayEquals(new float[] {-0.5675f, 0.29f}, net.snapshot().weight(0), 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> Sgd.of(Network.compile(a, 1, w, Mode.GRADIENTS, Workers.single()), 0.9, 0));
    }
}
